"""A Python team's first day with Kehu: only the client that openapi-python-client
generated from openapi/openapi.json, against a running server.

Signs in as the admin, creates a customer and a ticket for them, then a saved
segment whose filter nests an `or` and a `not` inside an `and`, counts it and
reads it back as typed models. Any unexpected status, shape or number fails.

Usage: python_client_check.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
(the generated package `kehu_client` must be importable, e.g. via PYTHONPATH)
"""

import sys
import uuid
from http import HTTPStatus

from kehu_client import AuthenticatedClient, Client
from kehu_client.api.auth import login
from kehu_client.api.customers import create_customer
from kehu_client.api.segments import count_segment, create_segment, get_segment
from kehu_client.api.tickets import create_ticket
from kehu_client.models import (
    Comparison,
    CreateCustomer,
    CreateSegment,
    CreateTicket,
    Customer,
    LoginRequest,
    Problem,
    Segment,
    SegmentCount,
    SegmentCountRequest,
    SegmentField,
    SegmentFilter,
    SegmentFilterOp,
    Ticket,
    TicketType,
    TokenPair,
)
from kehu_client.types import UNSET


def expect(response, status, model):
    """The parsed body of a response that must have this status and model."""
    if response.status_code != status or not isinstance(response.parsed, model):
        sys.exit(
            f"expected {int(status)} with a {model.__name__}, got {int(response.status_code)}: "
            f"{response.content.decode(errors='replace')}"
        )
    return response.parsed


def check(condition, message):
    if not condition:
        sys.exit(message)


def compare(field, cmp, value):
    return SegmentFilter(op=SegmentFilterOp.COMPARE, field=field, cmp=cmp, value=value)


def count(client, filter_):
    response = count_segment.sync_detailed(client=client, body=SegmentCountRequest(filter_=filter_))
    return expect(response, HTTPStatus.OK, SegmentCount).count


def main(base_url, email, password):
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    tokens = expect(
        login.sync_detailed(client=anonymous, body=LoginRequest(email=email, password=password)),
        HTTPStatus.OK,
        TokenPair,
    )
    client = AuthenticatedClient(base_url=base_url, token=tokens.access_token, raise_on_unexpected_status=True)

    mark = uuid.uuid4().hex[:12]
    tag, region = f"py-{mark}", f"py-region-{mark}"
    customer = expect(
        create_customer.sync_detailed(
            client=client, body=CreateCustomer(name=f"Python {mark}", tags=[tag], region=region)
        ),
        HTTPStatus.CREATED,
        Customer,
    )
    ticket = expect(
        create_ticket.sync_detailed(
            client=client,
            body=CreateTicket(subject=f"Asked from Python {mark}", type_=TicketType.INQUIRY, customer_id=customer.id),
        ),
        HTTPStatus.CREATED,
        Ticket,
    )
    check(ticket.customer_id == customer.id, f"the ticket is for {ticket.customer_id}, not {customer.id}")

    tagged = compare(SegmentField.TAG, Comparison.EQ, tag)
    tagged_or_here = SegmentFilter(
        op=SegmentFilterOp.OR,
        items=[tagged, compare(SegmentField.REGION, Comparison.IN, [region, f"nowhere-{mark}"])],
    )
    a_person = compare(SegmentField.KIND, Comparison.EQ, "person")
    chosen = SegmentFilter(op=SegmentFilterOp.AND, items=[tagged_or_here, a_person])
    segment = expect(
        create_segment.sync_detailed(client=client, body=CreateSegment(name=f"Python {mark}", filter_=chosen)),
        HTTPStatus.CREATED,
        Segment,
    )
    check(count(client, segment.filter_) == 1, "the segment should hold exactly the new customer")
    everyone = count(client, SegmentFilter(op=SegmentFilterOp.AND, items=[]))
    others = count(client, SegmentFilter(op=SegmentFilterOp.NOT, item=tagged))
    check(everyone - others == 1, f"not(...) should leave out one customer: {everyone} in all, {others} left")

    stored = expect(get_segment.sync_detailed(client=client, id=segment.id), HTTPStatus.OK, Segment)
    check(isinstance(stored.filter_, SegmentFilter), f"the filter came back unparsed: {stored.filter_!r}")
    check(stored.filter_.to_dict() == chosen.to_dict(), f"the filter came back changed: {stored.filter_.to_dict()}")
    inner = stored.filter_.items[0]
    check(
        stored.filter_.op == SegmentFilterOp.AND
        and isinstance(inner, SegmentFilter)
        and inner.op == SegmentFilterOp.OR
        and inner.items[1].field == SegmentField.REGION
        and inner.items[1].value == [region, f"nowhere-{mark}"]
        and inner.items[1].key is UNSET,
        f"the nested filter did not parse into models: {stored.filter_!r}",
    )

    # A node missing what its op needs is the server's to refuse (the schema
    # leaves every property but op optional): a 422 problem, never a 5xx.
    no_items = count_segment.sync_detailed(
        client=client, body=SegmentCountRequest(filter_=SegmentFilter(op=SegmentFilterOp.AND))
    )
    problem = expect(no_items, HTTPStatus.UNPROCESSABLE_ENTITY, Problem)
    check(problem.code == "invalid_body" and "items" in problem.detail, f"unclear refusal: {problem.to_dict()}")
    unknown_stage = count_segment.sync_detailed(
        client=client,
        body=SegmentCountRequest(
            filter_=SegmentFilter(op=SegmentFilterOp.AND, items=[compare(SegmentField.STAGE, Comparison.EQ, "x")])
        ),
    )
    problem = expect(unknown_stage, HTTPStatus.UNPROCESSABLE_ENTITY, Problem)
    fields = [error.field for error in problem.errors] if problem.errors is not UNSET else []
    check(fields == ["filter.items[0].value"], f"the refusal should name the bad value: {problem.to_dict()}")

    print(f"python client: customer {customer.id}, ticket {ticket.number}, segment {segment.id} counted and read back")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
