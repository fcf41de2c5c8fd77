from typing import Any

from ninja import NinjaAPI

from api.auth import PublicAuth


class KotaCerdasAPI(NinjaAPI):
    """Documents anonymous access where an operation allows it: OpenAPI's empty security
    requirement ``{}`` beside the token and session schemes."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
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
