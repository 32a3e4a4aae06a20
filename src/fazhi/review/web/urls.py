"""URLs of the review pages: `reviews` under /review/ (namespace review), `documents` under /documents/ (namespace
documents: the register, a document's record, clean-up campaigns and review catalogs); the public list of valid
documents is under /public/."""

from django.urls import path

from .views import attachments, catalogs, cleanup, documents, filings, procedures
from .views import reviews as review_views

reviews = (
    [
        path("", review_views.review_list, name="list"),
        path("precheck/", review_views.precheck_page, name="precheck"),
        path("<int:pk>/", review_views.review_detail, name="detail"),
        path("<int:pk>/edit/", review_views.change_review, name="edit"),
        path("<int:pk>/opinion/", review_views.give_opinion, name="give_opinion"),
        path("<int:pk>/resubmit/", review_views.resubmit, name="resubmit"),
        path("<int:pk>/advisor/", review_views.substitute_advisor, name="substitute_advisor"),
        path("<int:pk>/versions/<int:number>/file/", review_views.version_file, name="version_file"),
        path("<int:pk>/letter/", review_views.letter, name="letter"),
    ],
    "review",
)

documents_urls = [
    path("", documents.document_list, name="list"),
    path("filings/", filings.filing_list, name="filings"),
    path("cleanup/", cleanup.campaign_list, name="campaigns"),
    path("cleanup/<int:pk>/", cleanup.campaign_detail, name="campaign"),
    path("cleanup/<int:pk>/edit/", cleanup.change_campaign, name="edit_campaign"),
    path(
        "cleanup/<int:pk>/items/<int:item_pk>/edit/",
        cleanup.change_cleanup_item,
        name="edit_cleanup_item",
    ),
    path("cleanup/<int:pk>/items/", cleanup.add_cleanup_item, name="add_cleanup_item"),
    path(
        "cleanup/<int:pk>/items/<int:item_pk>/decide/",
        cleanup.decide_cleanup_item,
        name="decide_cleanup_item",
    ),
    path("catalogs/", catalogs.catalogs, name="catalogs"),
    path("catalogs/adopt/", catalogs.adopt_catalog, name="adopt_catalog"),
    path("catalogs/<int:pk>/edit/", catalogs.change_catalog, name="edit_catalog"),
    path("catalogs/matters/<int:pk>/edit/", catalogs.change_matter, name="edit_matter"),
    path("catalogs/matters/", catalogs.register_matter, name="register_matter"),
    path("<int:pk>/", documents.document_detail, name="detail"),
    path("<int:pk>/edit/", documents.change_document, name="edit"),
    path("<int:pk>/delete/", documents.delete_document, name="delete"),
    path("<int:pk>/review/", documents.submit_for_review, name="submit_for_review"),
    path("<int:pk>/review/attach/", documents.attach_review, name="attach_review"),
    path("<int:pk>/fair-competition/", procedures.record_fair_competition, name="fair_competition"),
    path("<int:pk>/consultations/", procedures.record_consultation, name="consultation"),
    path("<int:pk>/deliberations/", procedures.record_deliberation, name="deliberation"),
    path("<int:pk>/revised-text/", procedures.upload_revised_text, name="revised_text"),
    path("<int:pk>/issue/", documents.issue_document, name="issue"),
    path("<int:pk>/filing/", documents.file_document, name="file"),
    path("<int:pk>/filing/<int:filing_pk>/edit/", documents.change_filing, name="edit_filing"),
    path("<int:pk>/filing/result/", documents.record_filing_result, name="filing_result"),
    path("<int:pk>/filing/correction/", documents.record_correction, name="correction"),
    path("<int:pk>/filing/materials/", procedures.add_filing_material, name="filing_material"),
    path(
        "<int:pk>/filing/materials/<int:material_pk>/",
        attachments.filing_material_file,
        name="filing_material_file",
    ),
    path("<int:pk>/revised-text/<int:text_pk>/", attachments.revised_text_file, name="revised_text_file"),
]
documents_app = (documents_urls, "documents")
public_documents = documents.public_documents
