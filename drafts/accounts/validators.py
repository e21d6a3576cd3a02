"""Django's minimum length validator with a message that has a Chinese translation (Django's
own zh_Hans catalogue lacks the plural form of its message)."""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LengthValidator(MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("This password is too short: it must have at least %(min_length)s characters.")
                % {"min_length": self.min_length},
                code="password_too_short",
            )

    def get_help_text(self):
        return _("Your password must have at least %(min_length)s characters.") % {
            "min_length": self.min_length
        }
