"""URLs of the normative-document pages: the register, a document's record, clean-up campaigns and review catalogs
(the public list of valid documents is under /public/)."""

from django.urls import path

from . import document_views as views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("cleanup/", views.campaign_list, name="campaigns"),
    path("cleanup/<int:pk>/", views.campaign_detail, name="campaign"),
    path("cleanup/<int:pk>/items/", views.add_cleanup_item, name="add_cleanup_item"),
    path(
        "cleanup/<int:pk>/items/<int:item_pk>/decide/", views.decide_cleanup_item, name="decide_cleanup_item"
    ),
    path("catalogs/", views.catalogs, name="catalogs"),
    path("catalogs/adopt/", views.adopt_catalog, name="adopt_catalog"),
    path("catalogs/matters/", views.register_matter, name="register_matter"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/review/", views.submit_for_review, name="submit_for_review"),
    path("<int:pk>/review/attach/", views.attach_review, name="attach_review"),
    path("<int:pk>/issue/", views.issue_document, name="issue"),
    path("<int:pk>/filing/", views.file_document, name="file"),
    path("<int:pk>/filing/result/", views.record_filing_result, name="filing_result"),
    path("<int:pk>/filing/correction/", views.record_correction, name="correction"),
]
