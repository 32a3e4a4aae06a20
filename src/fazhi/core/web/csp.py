"""Content-Security-Policy: one strict policy for the platform's own pages, a few named relaxations.

The policy itself is `settings.CONTENT_SECURITY_POLICY` (django-csp): scripts, styles, images, fonts and requests
only from this site, no inline script, no inline style. Two third-party screens cannot run under it and get a
relaxation by URL prefix (`settings.FAZHI_CSP_RELAXED`), never inline script:
- the admin site (django-unfold): Alpine.js evaluates its attribute expressions ('unsafe-eval') and the theme writes
  a <style> element and style attributes ('unsafe-inline' for styles only);
- the API's pages (the browsable API, Swagger UI: inline styles) and the issued annual report, a self-contained
  document with its own <style>.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class FazhiCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        for prefix, update in getattr(settings, "FAZHI_CSP_RELAXED", {}).items():
            if request.path_info.startswith(prefix):
                merged = dict(parts.update or {})
                for directive, sources in update.items():
                    merged[directive] = [*merged.get(directive, []), *sources]
                parts.update = merged
        return parts
