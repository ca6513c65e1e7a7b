"""The test client answers ``client/(un)registerCapability`` as editors do, keeping what was registered.

pytest-lsp's client has no handler for them, so a server request would fail
the test; the VS Code preset advertises dynamic registration, and chartlsp
registers its file watchers after ``initialized``.
"""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient
from pytest_lsp.client import default_feature


def registrations(client: LanguageClient) -> dict[str, types.Registration]:
    """The client's current registrations by id."""
    return vars(client).setdefault("_registrations", {})


@default_feature(types.CLIENT_REGISTER_CAPABILITY)
def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
    for r in params.registrations:
        registrations(client)[r.id] = r


@default_feature(types.CLIENT_UNREGISTER_CAPABILITY)
def unregister_capability(client: LanguageClient, params: types.UnregistrationParams) -> None:
    for u in params.unregisterations:
        registrations(client).pop(u.id, None)
