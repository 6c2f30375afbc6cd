"""The generated Python client against a dev server: anna (MilleKod 12345678, a token
user) logs in with her masked password and a token code, shows jan (blocked in the dev
seed) and unblocks him with his current password. Run by openapi-client-check.sh with
the generated `millectl_client` on PYTHONPATH; arguments: server URL, the dev
credentials file. Every call goes through the generated functions and models, with
`raise_on_unexpected_status`, so an answer the document does not declare fails too.
"""

import base64
import hashlib
import hmac
import json
import struct
import sys
import time

from millectl_client import AuthenticatedClient, Client
from millectl_client.api.sessions import complete, start
from millectl_client.api.users import show, unblock
from millectl_client.models import (
    Challenge,
    CompleteLogin,
    SessionCreated,
    StartLogin,
    UnblockRequest,
    UserView,
)

MILLEKOD = "12345678"


def totp(secret_base32: str, at: float) -> str:
    """RFC 6238: HMAC-SHA1, 30-second steps, 6 digits (what the dev tokens use)."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


def expect(answer, status: int, model):
    assert answer.status_code == status, (answer.status_code, answer.content)
    assert isinstance(answer.parsed, model), answer.parsed
    return answer.parsed


def main() -> None:
    url, credentials = sys.argv[1], sys.argv[2]
    creds = json.load(open(credentials))
    anna = next(
        u for u in creds["users"] if u["millekod"] == MILLEKOD and u["login"] == "anna"
    )
    client = Client(base_url=url, raise_on_unexpected_status=True)

    challenge = expect(
        start.sync_detailed(
            client=client,
            body=StartLogin.from_dict({"millekod": MILLEKOD, "login": "anna"}),
        ),
        200,
        Challenge,
    )
    password = anna["password"]
    answer = {"otp": totp(anna["totp_secret"], time.time())}
    positions = challenge.password_positions
    if positions:
        answer["password_chars"] = {str(p): password[p - 1] for p in positions}
    else:
        answer["password"] = password
    session = expect(
        complete.sync_detailed(
            challenge.challenge_id, client=client, body=CompleteLogin.from_dict(answer)
        ),
        200,
        SessionCreated,
    )

    anna_client = AuthenticatedClient(
        base_url=url, token=session.token, raise_on_unexpected_status=True
    )
    jan = expect(
        show.sync_detailed(MILLEKOD, "jan", client=anna_client), 200, UserView
    )
    assert str(jan.status.value) == "blocked", jan.status
    unblocked = expect(
        unblock.sync_detailed(
            MILLEKOD,
            "jan",
            client=anna_client,
            body=UnblockRequest.from_dict({"mode": "current_password"}),
        ),
        200,
        UserView,
    )
    assert str(unblocked.status.value) == "active", unblocked.status
    again = expect(
        show.sync_detailed(MILLEKOD, "jan", client=anna_client), 200, UserView
    )
    assert str(again.status.value) == "active", again.status
    print("generated client: anna logged in, showed jan (blocked), unblocked him (active)")


if __name__ == "__main__":
    main()
