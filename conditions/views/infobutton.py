"""``/connect/``: HL7 Infobutton knowledge requests, as MedlinePlus Connect
takes them."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.views import View

from conditions import icd10
from conditions.infobutton import (
    ICD10CM_OID,
    MSG_CODE_SYSTEM,
    MSG_NO_CODE,
    atom,
    knowledge_response,
)


class ConnectView(View):
    """Parameters as MedlinePlus Connect takes them:
    ``mainSearchCriteria.v.cs`` (must be ICD-10-CM, 2.16.840.1.113883.6.90),
    ``mainSearchCriteria.v.c`` (the code), ``mainSearchCriteria.v.dn``
    (display name, echoed), ``informationRecipient`` (PAT or PROV, echoed),
    ``informationRecipient.languageCode.c`` (en by default) and
    ``knowledgeResponseType`` (``text/xml`` Atom by default, or
    ``application/json``).
    """

    def get(self, request):
        params = request.GET
        as_json = params.get("knowledgeResponseType", "") == "application/json"
        language = params.get("informationRecipient.languageCode.c", "en").lower()
        raw_code = params.get("mainSearchCriteria.v.c", "").strip()
        code_system = params.get("mainSearchCriteria.v.cs", ICD10CM_OID).strip()

        if code_system != ICD10CM_OID:
            return self.error(400, "unsupported_code_system", MSG_CODE_SYSTEM, as_json)
        if not raw_code:
            return self.error(400, "missing_code", MSG_NO_CODE, as_json)
        try:
            item = icd10.code_item(raw_code)
        except ValidationError as invalid:
            return self.error(404, invalid.code, invalid.message, as_json)

        feed = knowledge_response(request, item, language)
        if as_json:
            return JsonResponse({"feed": feed})
        return HttpResponse(atom(feed), content_type="application/atom+xml")

    def error(self, status: int, code: str, message: str, as_json: bool):
        if as_json:
            return JsonResponse(icd10.error_json(status, code, message), status=status)
        return HttpResponse(
            message, status=status, content_type="text/plain; charset=utf-8"
        )
