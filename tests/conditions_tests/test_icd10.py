import pytest
from django.core.exceptions import ValidationError

from conditions import icd10
from conditions.models import Condition, ConditionCode

pytestmark = pytest.mark.django_db


def test_code_derives_title_category_block_and_chapter():
    derived = icd10.lookup("D89.41")

    assert derived.title == "Monoclonal mast cell activation syndrome"
    assert (derived.category_code, derived.category_title) == (
        "D89.4",
        "Mast cell activation syndrome and related disorders",
    )
    assert derived.block_code == "D80-D89"
    assert derived.chapter_code == "3"


@pytest.mark.parametrize("typed", ["d89.41", "D8941", " D89.41 "])
def test_code_is_normalised_as_typed_by_hand(typed):
    assert icd10.lookup(typed).code == "D89.41"


def test_unknown_code_is_refused_with_a_message_naming_it():
    with pytest.raises(ValidationError) as error:
        icd10.lookup("D89.99")

    assert error.value.messages == [icd10.MSG_UNKNOWN_CODE.format(code="D89.99")]
    assert "D89.99" in error.value.messages[0]


@pytest.mark.parametrize("not_a_code", ["3", "D80-D89"])
def test_chapters_and_blocks_are_not_accepted_as_codes(not_a_code):
    with pytest.raises(ValidationError, match="chapter or block"):
        icd10.lookup(not_a_code)


def test_saving_a_code_fills_in_the_derived_fields():
    condition = Condition.objects.create(name="HLH", slug="hlh")

    code = ConditionCode.objects.create(condition=condition, code="d761")

    code.refresh_from_db()
    assert code.code == "D76.1"
    assert code.title == "Hemophagocytic lymphohistiocytosis"
    assert code.category_code == "D76"
    assert code.chapter_title.startswith("Diseases of the blood")


def test_model_validation_refuses_unknown_code_and_saves_nothing():
    condition = Condition.objects.create(name="HLH", slug="hlh")
    code = ConditionCode(condition=condition, code="Q99.999")

    with pytest.raises(ValidationError) as error:
        code.full_clean()

    assert "“Q99.999” is not an ICD-10-CM code" in error.value.messages[0]
    assert not ConditionCode.objects.exists()
