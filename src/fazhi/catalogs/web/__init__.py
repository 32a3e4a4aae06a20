"""The catalogs pages: the staff pages (/catalogs/) and the public lists (/public/): forms, views, urls."""
