#!/usr/bin/python3
"""Calls currency.v1.CurrencyService from Python and prints what it got as one JSON object.

No generated code: the messages come from the descriptor set the Maven build writes
(target/generated-resources/protobuf/descriptor-sets/currency.desc). Needs Debian's python3-grpcio
and python3-protobuf, so run it with /usr/bin/python3 (a pyenv python3 on PATH has no grpc).
InteropIT runs it and asserts the values; the client itself only calls and reports.

Usage: currency_client.py HOST:PORT DESCRIPTOR_SET
Environment: GRPC_CA = a PEM trust bundle: call over TLS (host name checked against HOST);
GRPC_TOKEN = a bearer token sent as call credentials (needs GRPC_CA: grpc never sends them in plaintext).
"""
import os
import json
import queue
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

TIMEOUT = 10  # seconds per call: only a guard, so a hanging call fails instead of blocking the build
SERVICE = "/currency.v1.CurrencyService/"

target, desc_path = sys.argv[1], sys.argv[2]

fds = descriptor_pb2.FileDescriptorSet()
with open(desc_path, "rb") as f:
    fds.ParseFromString(f.read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:  # dependency order (includeDependenciesInDescriptorSet)
    pool.Add(fd)


def message_class(name):
    d = pool.FindMessageTypeByName(name)
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(d)
    return message_factory.MessageFactory(pool).GetPrototype(d)  # Debian 12: 4.21.12


GetRateRequest = message_class("currency.v1.GetRateRequest")
Rate = message_class("currency.v1.Rate")
ConvertRequest = message_class("currency.v1.ConvertRequest")
ConvertResponse = message_class("currency.v1.ConvertResponse")
ListCurrenciesRequest = message_class("currency.v1.ListCurrenciesRequest")
Currency = message_class("currency.v1.Currency")
BatchSummary = message_class("currency.v1.BatchSummary")


def serialize(m):
    return m.SerializeToString()


def raw(b):
    return b


def rate_json(r):
    return {"base": r.base, "quote": r.quote, "rate": r.rate,
            "as_of": {"seconds": r.as_of.seconds, "nanos": r.as_of.nanos}}


def conversion_json(c):
    return {"base": c.base, "quote": c.quote, "amount": c.amount, "converted": c.converted, "rate": c.rate}


def summary_json(s):
    return {"count": s.count, "totals": dict(s.totals)}


def error_json(e):
    return {"code": e.code().name, "message": e.details()}


def failure(call):
    """Runs call, which must fail; returns its status."""
    try:
        answer = call()
    except grpc.RpcError as e:
        return error_json(e)
    raise AssertionError("expected an error, got %r" % (answer,))


def fields(data):
    """Minimal protobuf wire decoder: (field number, value) pairs; varints as int, the rest as bytes."""
    i, out = 0, []
    while i < len(data):
        key, i = varint(data, i)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, i = varint(data, i)
        elif wire_type == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
        out.append((number, value))
    return out


def varint(data, i):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


out = {"client": "python", "grpcio": grpc.__version__}


def channel():
    ca = os.environ.get("GRPC_CA")
    if not ca:
        return grpc.insecure_channel(target)
    with open(ca, "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    token = os.environ.get("GRPC_TOKEN")
    if token:
        credentials = grpc.composite_channel_credentials(credentials, grpc.access_token_call_credentials(token))
    return grpc.secure_channel(target, credentials)


with channel() as ch:
    grpc.channel_ready_future(ch).result(timeout=TIMEOUT)
    get_rate = ch.unary_unary(SERVICE + "GetRate", request_serializer=serialize,
                              response_deserializer=Rate.FromString)
    convert = ch.unary_unary(SERVICE + "Convert", request_serializer=serialize,
                             response_deserializer=ConvertResponse.FromString)
    list_currencies = ch.unary_stream(SERVICE + "ListCurrencies", request_serializer=serialize,
                                      response_deserializer=Currency.FromString)
    convert_batch = ch.stream_unary(SERVICE + "ConvertBatch", request_serializer=serialize,
                                    response_deserializer=BatchSummary.FromString)
    stream_rates = ch.stream_stream(SERVICE + "StreamRates", request_serializer=serialize,
                                    response_deserializer=Rate.FromString)

    # unary
    out["get_rate"] = rate_json(get_rate(GetRateRequest(base="EUR", quote="USD"), timeout=TIMEOUT))
    out["get_rate_same"] = rate_json(get_rate(GetRateRequest(base="USD", quote="USD"), timeout=TIMEOUT))
    out["convert"] = conversion_json(convert(ConvertRequest(base="EUR", quote="JPY", amount="10.00"),
                                             timeout=TIMEOUT))
    out["convert_tie"] = conversion_json(convert(ConvertRequest(base="EUR", quote="USD", amount="150"),
                                                 timeout=TIMEOUT))
    out["invalid_argument"] = failure(lambda: get_rate(GetRateRequest(base="eur", quote="USD"), timeout=TIMEOUT))
    out["invalid_amount"] = failure(
        lambda: convert(ConvertRequest(base="EUR", quote="USD", amount="1e3"), timeout=TIMEOUT))
    out["not_found"] = failure(lambda: get_rate(GetRateRequest(base="EUR", quote="XXX"), timeout=TIMEOUT))

    # server streaming
    out["currencies"] = [{"code": c.code, "name": c.name}
                         for c in list_currencies(ListCurrenciesRequest(), timeout=TIMEOUT)]

    # client streaming
    batch = [ConvertRequest(base="EUR", quote="USD", amount="12.50"),
             ConvertRequest(base="GBP", quote="USD", amount="5.5"),
             ConvertRequest(base="EUR", quote="JPY", amount="10.00")]
    out["batch"] = summary_json(convert_batch(iter(batch), timeout=TIMEOUT))
    out["batch_empty"] = summary_json(convert_batch(iter([]), timeout=TIMEOUT))
    out["batch_invalid"] = failure(lambda: convert_batch(
        iter([ConvertRequest(base="EUR", quote="USD", amount="1"),
              ConvertRequest(base="EUR", quote="USD", amount="1.0000001")]), timeout=TIMEOUT))

    # bidi: one request at a time, each sent only after the answer to the previous one arrived
    # (a server that waited for more requests or for the half-close would run into the deadline)
    requests = queue.Queue()

    def pending():
        while True:
            item = requests.get()
            if item is None:
                return
            yield item

    answers = stream_rates(pending(), timeout=TIMEOUT)
    pairs = [("EUR", "USD"), ("USD", "JPY"), ("GBP", "GBP")]
    out["stream_rates"] = []
    for base, quote in pairs:
        requests.put(GetRateRequest(base=base, quote=quote))
        out["stream_rates"].append(rate_json(next(answers)))
    requests.put(None)
    out["stream_rates"] += [rate_json(r) for r in answers]  # an answer too many would land here

    requests = queue.Queue()
    answers = stream_rates(pending(), timeout=TIMEOUT)
    requests.put(GetRateRequest(base="EUR", quote="CHF"))
    stream_error = {"rates": [rate_json(next(answers))]}
    requests.put(GetRateRequest(base="EUR", quote="chf"))
    try:
        stream_error["rates"] += [rate_json(r) for r in answers]
    except grpc.RpcError as e:
        stream_error["error"] = error_json(e)
    requests.put(None)
    out["stream_rates_error"] = stream_error

    # grpc.health.v1.Health/Check and grpc.reflection.v1, hand-encoded (Debian has no grpcio-health-checking
    # or grpcio-reflection). HealthCheckRequest{service} is field 1; HealthCheckResponse{status} is field 1.
    health = ch.unary_unary("/grpc.health.v1.Health/Check", request_serializer=raw, response_deserializer=raw)
    out["health"] = {}
    for name in ["", "currency.v1.CurrencyService"]:
        encoded = name.encode()
        request = b"\x0a" + bytes([len(encoded)]) + encoded if encoded else b""
        status = dict(fields(health(request, timeout=TIMEOUT))).get(1, 0)  # 1 = SERVING
        out["health"][name] = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}[status]

    # ServerReflectionRequest{list_services = ""} is field 7; the response's list_services_response is field 6,
    # holding repeated ServiceResponse (field 1) whose name is field 1.
    reflection = ch.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                                  request_serializer=raw, response_deserializer=raw)
    response = b"".join(reflection(iter([b"\x3a\x00"]), timeout=TIMEOUT))
    out["reflection_services"] = sorted(
        dict(fields(service))[1].decode()
        for number, listing in fields(response) if number == 6
        for n, service in fields(listing) if n == 1)

print(json.dumps(out, indent=1, sort_keys=True))
