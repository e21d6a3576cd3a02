"""The password hasher of issued one-time passwords (see ``drafts.accounts.passwords``)."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class IssuedPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few rounds, only for random one-time passwords of about 80 bits: a
    successful login rehashes it with the default hasher at once."""

    algorithm = "pbkdf2_issued"
    iterations = 1000
