"""The public pages (no login) under /public/: their titles and what each holds, by URL name, for the /public/ index
and the links every public page shows to the others. Core names the pages only by their URL names, so it imports no
workstream; a page whose URL is not installed is left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class PublicPage:
    url_name: str
    title: str
    intro: str
    url: str = ""


PAGES = [
    PublicPage(
        "reports_public:list",
        "法治政府建设年度报告",
        "本区人民政府已发布的法治政府建设年度报告，可在线阅读和下载。",
    ),
    PublicPage("decisions_public:catalogs", "重大行政决策事项目录", "本区各年度公布的重大行政决策事项目录。"),
    PublicPage(
        "public_normative_documents", "现行有效的行政规范性文件", "本区现行有效的行政规范性文件目录。"
    ),
    PublicPage("public_enforcement_powers", "行政执法主体及事项清单", "各行政执法主体及其执法事项、依据。"),
    PublicPage("public_enforcement_officers", "行政执法人员", "持有效行政执法证件的人员及其执法证号。"),
    PublicPage("catalogs_public_certification_items", "证明事项清单", "清单以外，一律不得索要证明。"),
    PublicPage(
        "catalogs_public_commitment_items", "告知承诺制事项清单", "可以书面承诺代替证明的事项及其核查方式。"
    ),
    PublicPage(
        "catalogs_public_service_items", "政务服务事项清单", "各政务服务事项的实施单位、办理方式和办结时限。"
    ),
]


def pages() -> list[PublicPage]:
    out = []
    for page in PAGES:
        try:
            url = reverse(page.url_name)
        except NoReverseMatch:
            continue
        out.append(PublicPage(page.url_name, page.title, page.intro, url))
    return out
