"""Readers' follow-up questions and consultation requests."""

import datetime
import hashlib

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from conditions.forms import ConsultationRequestForm, EnquiryForm
from conditions.models import Article, Enquiry, EnquiryKind

MSG_RATE_LIMITED = (
    "We have received several questions from your connection in the last hour. "
    "Please try again later; your text is still in the form below."
)


def address_hash(request) -> str:
    """The client address, hashed with the secret key: enough to rate-limit,
    not enough to identify anyone."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


class EnquiryFormView(FormView):
    form_class = EnquiryForm
    template_name = "conditions/enquiry_form.html"
    kind = EnquiryKind.FOLLOW_UP

    def enquiry_extra(self) -> dict:
        return {}

    def form_valid(self, form):
        if form.is_bot():
            return redirect("conditions:enquiry_thanks")
        address = address_hash(self.request)
        since = timezone.now() - datetime.timedelta(hours=1)
        recent = Enquiry.objects.filter(address_hash=address, created_at__gte=since)
        if recent.count() >= settings.ENQUIRIES_PER_HOUR:
            form.add_error(None, MSG_RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        enquiry = form.save(commit=False)
        enquiry.kind = self.kind
        enquiry.address_hash = address
        for field, value in self.enquiry_extra().items():
            setattr(enquiry, field, value)
        enquiry.save()
        return redirect("conditions:enquiry_thanks")


class FollowUpQuestionView(EnquiryFormView):
    """ "Have a follow-up question?" about one published article."""

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(
            Article.objects.published(),
            condition__slug=kwargs["condition_slug"],
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def enquiry_extra(self) -> dict:
        return {"article": self.article, "condition": self.article.condition}

    def get_context_data(self, **kwargs):
        return super().get_context_data(article=self.article, **kwargs)


class ConsultationRequestView(EnquiryFormView):
    form_class = ConsultationRequestForm
    kind = EnquiryKind.CONSULTATION


class EnquiryThanksView(TemplateView):
    template_name = "conditions/enquiry_thanks.html"
