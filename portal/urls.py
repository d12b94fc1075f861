from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import admin_links, dashboard, health, oidc, pages, views
from .second_factor import views as second_factor
from .second_factor.forms import StaffLoginForm

admin.site.site_header = _("Forældresamarbejde – redaktion")
admin.site.site_title = _("Forældresamarbejde")
admin.site.index_title = _("Indhold og arbejdsark")
admin.site.login_form = StaffLoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", pages.privacy, name="privacy"),
    path("was", pages.was, name="was"),
    path("i18n/", include("django.conf.urls.i18n")),
    # values owns /rammer/…, /begreber/… and /soeg/ (concepts and search span all frameworks).
    path("", include("values.urls")),
    path("arbejdsark/", include("reflections.urls")),
    # Published principles: public, read-only, not indexed (reflections/views/published.py).
    path("principper/", include("reflections.principles.urls")),
    # A municipality's list of its schools' published principles, when it chooses to list them.
    path("kommuner/", include("reflections.principles.municipal_urls")),
    # Open content: the read-only API, its documentation, the open-data dump; the embeds.
    path("api/v1/", include("values.api.urls")),
    path("embed/", include("values.embeds.urls")),
    # Staff overview; before admin.site.urls so the admin's catch-all does not take it.
    path("admin/oversigt/", dashboard.dashboard_view, name="admin_dashboard"),
    # The second factor for staff who sign in with a password (portal/second_factor/).
    path(
        "admin/to-trins-login/",
        admin.site.admin_view(second_factor.backup_codes),
        name="second_factor",
    ),
    path(
        "admin/to-trins-login/app/",
        admin.site.admin_view(second_factor.enrol),
        name="second_factor_enrol",
    ),
    # Staff sign-in through the municipality's identity provider (portal/oidc.py).
    path("oidc/login/", oidc.authentication_init, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.authentication_callback, name="oidc_authentication_callback"),
    # "Vis på websted" only for objects the staff member may see (portal/admin_links.py).
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_links.view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
