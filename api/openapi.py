import copy
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import NinjaAPI, Schema
from ninja.parser import Parser
from pydantic import ConfigDict

from api.auth import PublicAuth


class In(Schema):
    """A request body, or a part of one: a field the operation does not have is refused (422
    naming it), never dropped in silence (a client's "vison" would otherwise save nothing)."""

    model_config = ConfigDict(extra="forbid")


class ObjectBodyParser(Parser):
    """Every request body of this API is a JSON object: anything else (a list, a number) is a
    400, never read as an object whose fields are all left out."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the request body must be a JSON object")
        return data


class KotaCerdasAPI(NinjaAPI):
    """Documents anonymous access where an operation allows it: OpenAPI's empty security
    requirement ``{}`` beside the token and session schemes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._schemas: dict[tuple[str, str | None], Any] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        """Built once per process and language (about a second's work for this API); the routes
        do not change while it runs. Each caller gets its own copy."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        if key not in self._schemas:
            self._schemas[key] = self._build_openapi_schema(path_prefix)
        return copy.deepcopy(self._schemas[key])

    def _build_openapi_schema(self, path_prefix: str) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix)
        public = {
            self.get_openapi_operation_id(operation)
            for _prefix, router in self._routers
            for path_view in router.path_operations.values()
            for operation in path_view.operations
            if any(isinstance(auth, PublicAuth) for auth in operation.auth_callbacks)
        }
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                if operation.get("operationId") in public:
                    operation.setdefault("security", []).append({})
        return schema
