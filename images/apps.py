from django.apps import AppConfig

GROUP_PERMISSIONS = {
    "Editors": ["add_image", "change_image", "view_image"],
    "Reviewers": ["view_image"],
    "Pharmacists": ["view_image"],
}


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        from reviews.apps import grant_after_migrate

        # Editors manage the library, Reviewers see it.
        grant_after_migrate(self, GROUP_PERMISSIONS, needs="images.Image")
