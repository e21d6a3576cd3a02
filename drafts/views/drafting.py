"""The official's pages. (Placeholder home: the drafting issue builds the real pages.)"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "drafts/home.html", {})
