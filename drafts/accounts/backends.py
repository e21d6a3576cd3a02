"""Login throttling (django-axes) for every login made through a request: the site's login
page and the admin's. ``authenticate()`` called without a request (management commands,
scripts) has no address to throttle by and is let through to the next backend."""

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
