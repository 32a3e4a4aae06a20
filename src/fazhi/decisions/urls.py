"""URLs of the decisions pages (the public catalog pages are under /public/)."""

app_name = "decisions"
urlpatterns: list = []
public_urlpatterns: list = []
