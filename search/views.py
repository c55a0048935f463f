from django.shortcuts import render


def search(request):
    """Placeholder until the search app lands (issue 4)."""
    query = request.GET.get("q", "")[:200]
    return render(request, "search/search.html", {"query": query, "results": []})
