from django.urls import path, re_path

from api.commitments import router as commitments_router
from api.delivery import router as delivery_router
from api.enrolment import router as enrolment_router
from api.errors import api_not_found, install_error_handlers
from api.evaluation import router as evaluation_router
from api.followup import router as followup_router
from api.jobs import router as jobs_router
from api.library import router as library_router
from api.masterplan_documents import router as masterplan_documents_router
from api.masterplans import router as masterplans_router
from api.mentoring import router as mentoring_router
from api.openapi import KotaCerdasAPI, ObjectBodyParser
from api.participation import router as participation_router
from api.readiness import router as readiness_router
from api.regions import router as regions_router
from api.selection import router as selection_router

api = KotaCerdasAPI(
    title="Kota Cerdas API",
    version="1",
    description=(
        "Open API of the Gerakan Menuju 100 Smart City platform. Reads of public data need no "
        "authentication; writes need an API token (`Authorization: Bearer kc_...`) or a session. "
        'Every error has the shape `{"error": {"code", "message", "details"}}`.'
    ),
    urls_namespace="api",
    parser=ObjectBodyParser(),
)
install_error_handlers(api)
api.add_router("/", regions_router)
api.add_router("/", commitments_router)
api.add_router("/", selection_router)
api.add_router("/", enrolment_router)
api.add_router("/", masterplans_router)
api.add_router("/", masterplan_documents_router)
api.add_router("/", participation_router)
api.add_router("/", mentoring_router)
api.add_router("/", followup_router)
api.add_router("/", delivery_router)
api.add_router("/", readiness_router)
api.add_router("/", evaluation_router)
api.add_router("/", library_router)
api.add_router("/", jobs_router)

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", api_not_found),
]
