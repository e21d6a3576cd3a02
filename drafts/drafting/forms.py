"""Forms of the official's pages (the wizard's fields are saved by ``drafts.drafting.editing``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ReportType
from ..textclean import clean_text

REASON_MAX = 2000


class StartReportForm(forms.Form):
    """Choose a report type, or carry over one of the official's earlier reports."""

    report_type = forms.ModelChoiceField(
        label=_("Report type"),
        queryset=ReportType.objects.filter(is_active=True),
        required=False,
        widget=forms.RadioSelect,
    )
    carry_over = forms.BooleanField(required=False, widget=forms.HiddenInput)
    source = forms.TypedChoiceField(label=_("Report to start from"), required=False, coerce=int, empty_value=None)
    replace_years = forms.BooleanField(label=_("Replace the year numbers"), required=False)

    def __init__(self, *args, previous=None, earlier=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.earlier = list(earlier)
        self.fields["source"].choices = [(r.pk, str(r.year.year)) for r in self.earlier]

    def clean(self):
        data = super().clean()
        if data.get("carry_over"):
            chosen = data.get("source")
            source = next((r for r in self.earlier if r.pk == chosen), None) if chosen else self.previous
            if source is None:
                raise forms.ValidationError(_("There is no earlier report to carry over."))
            data["source"] = source
        elif not data.get("report_type"):
            raise forms.ValidationError(
                _("Choose a report type, or carry over last year's report.")
            )
        return data


class PromiseAnswerForm(forms.Form):
    """An answer to one of last year's promises: the passage reporting on it, or not done."""

    entry = forms.IntegerField(required=False, min_value=1)
    not_done = forms.BooleanField(required=False)
    reason = forms.CharField(required=False, max_length=REASON_MAX, strip=True)
    clear = forms.BooleanField(required=False)
    part_version = forms.IntegerField(required=False, min_value=0)

    def answer(self) -> dict:
        """The keyword arguments of ``editing.answer_promise``."""
        data = self.cleaned_data
        if data.get("clear"):
            return {"clear": True}
        if data.get("not_done"):
            return {"reason": data["reason"]}
        return {"entry_pk": data["entry"]}

    def clean_reason(self):
        return clean_text(self.cleaned_data.get("reason") or "").strip()

    def clean(self):
        data = super().clean()
        if not data.get("clear") and not data.get("entry") and not data.get("not_done"):
            raise forms.ValidationError(_("Choose the passage that reports on it, or mark it as not done."))
        if data.get("not_done") and not data.get("reason"):
            raise forms.ValidationError(_("Say why it was not done."))
        return data
