"""Readers' follow-up questions and consultation requests."""

from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from condition_site.client_address import client_address
from conditions.forms import ConsultationRequestForm, EnquiryForm
from conditions.models import Article, EnquiryKind
from conditions.services import EnquiryRateLimited, enquiry_submit


class EnquiryFormView(FormView):
    form_class = EnquiryForm
    template_name = "conditions/enquiry_form.html"
    kind = EnquiryKind.FOLLOW_UP

    def enquiry_extra(self) -> dict:
        return {}

    def form_valid(self, form):
        if form.is_bot():
            return redirect("conditions:enquiry_thanks")
        enquiry = form.save(commit=False)
        enquiry.kind = self.kind
        for field, value in self.enquiry_extra().items():
            setattr(enquiry, field, value)
        try:
            enquiry_submit(enquiry=enquiry, address=client_address(self.request))
        except EnquiryRateLimited as refused:
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return redirect("conditions:enquiry_thanks")


class FollowUpQuestionView(EnquiryFormView):
    """ "Have a follow-up question?" about one published article."""

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(
            Article.objects.published().at(kwargs["condition_slug"], kwargs["slug"])
        )
        return super().dispatch(request, *args, **kwargs)

    def enquiry_extra(self) -> dict:
        return {"article": self.article, "condition": self.article.public_condition}

    def get_context_data(self, **kwargs):
        return super().get_context_data(article=self.article, **kwargs)


class ConsultationRequestView(EnquiryFormView):
    form_class = ConsultationRequestForm
    kind = EnquiryKind.CONSULTATION


class EnquiryThanksView(TemplateView):
    template_name = "conditions/enquiry_thanks.html"
