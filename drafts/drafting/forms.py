"""Forms of the official's pages (the wizard's fields are saved by ``drafts.drafting.editing``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ReportType


class StartReportForm(forms.Form):
    """Choose a report type, or carry over last year's report."""

    report_type = forms.ModelChoiceField(
        label=_("Report type"),
        queryset=ReportType.objects.filter(is_active=True),
        required=False,
        widget=forms.RadioSelect,
    )
    carry_over = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous

    def clean(self):
        data = super().clean()
        if data.get("carry_over"):
            if self.previous is None:
                raise forms.ValidationError(_("There is no earlier report to carry over."))
        elif not data.get("report_type"):
            raise forms.ValidationError(
                _("Choose a report type, or carry over last year's report.")
            )
        return data
