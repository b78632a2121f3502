#!/usr/bin/env python3
"""The boto3 driver of earkit: one JSON line in, one JSON line out (docs/sdk-compatibility.md).

Requests and answers carry the services' JSON wire shapes. boto3 wants bytes for blobs and gives back bytes and
datetimes, so both directions walk botocore's own model of the operation: base64 text becomes bytes only where
the model says blob, and timestamps travel as epoch seconds.
"""
import base64
import datetime
import json
import sys

import boto3
import botocore
import botocore.exceptions
import botocore.model
from botocore.config import Config
from botocore.exceptions import ClientError

SERVICES = {"dynamodb": "dynamodb", "streams": "dynamodbstreams", "kms": "kms", "cloudtrail": "cloudtrail", "logs": "logs"}
settings = None
clients = {}


class NotSent(Exception):
    """A failure of the driver before its request left it: answered with sent false, the kit's fault, never the target's."""


def client(service):
    if service not in clients:
        if service not in SERVICES:
            raise NotSent("unknown service " + service)
        # retries false: a refusal surfaces as the target sent it; otherwise botocore's default retries.
        config = Config(retries={"total_max_attempts": 1}) if settings.get("retries") is False else Config()
        if settings.get("maxConnections", 0) > 0:
            config = config.merge(Config(max_pool_connections=settings["maxConnections"]))
        c = boto3.session.Session().client(
            SERVICES[service],
            endpoint_url=settings["endpoint"],
            region_name=settings["region"],
            aws_access_key_id=settings["accessKeyId"],
            aws_secret_access_key=settings["secretAccessKey"],
            config=config,
        )
        if settings.get("keepAlive") is False:
            # botocore always pools its connections; Connection: close makes urllib3 drop each one after its answer.
            c.meta.events.register("before-send." + SERVICES[service], close_connection)
        clients[service] = c
    return clients[service]


def close_connection(request, **kwargs):
    request.headers["Connection"] = "close"


def to_sdk(value, shape):
    """Wire JSON to what botocore accepts, guided by the model (blob: bytes; everything else as is)."""
    if value is None or shape is None:
        return value
    if shape.type_name == "structure":
        return {k: to_sdk(v, shape.members.get(k)) for k, v in value.items()}
    if shape.type_name == "list":
        return [to_sdk(v, shape.member) for v in value]
    if shape.type_name == "map":
        return {k: to_sdk(v, shape.value) for k, v in value.items()}
    if shape.type_name == "blob":
        return base64.b64decode(value)
    return value


def to_wire(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, (list, tuple, set)):
        return [to_wire(v) for v in value]
    return value


def info():
    return {
        "name": "AWS SDK for Python (boto3)",
        "version": boto3.__version__,
        "runtime": "botocore " + botocore.__version__ + ", Python " + sys.version.split()[0],
        "http": ("botocore's urllib3 connection pool (max_pool_connections=%d)" % settings["maxConnections"]
                 if settings and settings.get("maxConnections", 0) > 0
                 else "botocore's urllib3 connection pool (max_pool_connections=10, the default)")
                + ("" if settings is None or settings.get("keepAlive", True) else ", Connection: close on every request"),
    }


def call(request):
    c = client(request["service"])
    try:
        operation = c.meta.service_model.operation_model(request["operation"])
        method = getattr(c, botocore.xform_name(request["operation"]))
    except (botocore.model.OperationNotFoundError, AttributeError) as e:
        raise NotSent("unknown operation %s:%s (%r)" % (request["service"], request["operation"], e))
    return to_wire(method(**to_sdk(request.get("input") or {}, operation.input_shape)))


def handle(request):
    global settings
    if "configure" in request:
        settings = request["configure"]
        return {"ok": True, "output": info()}
    if request.get("info"):
        return {"id": request["id"], "ok": True, "output": info()}
    try:
        return {"id": request["id"], "ok": True, "output": call(request)}
    except ClientError as e:
        return {"id": request["id"], "ok": False, "error": {
            "code": e.response["Error"]["Code"],
            "httpStatus": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "message": e.response["Error"].get("Message", ""),
            "sdkExceptionType": type(e).__name__,
        }}
    except (NotSent, botocore.exceptions.ParamValidationError) as e:  # the request never left the driver
        return {"id": request["id"], "ok": False, "error": {
            "code": "DriverError", "httpStatus": 0, "sent": False, "message": repr(e), "sdkExceptionType": type(e).__name__}}
    except Exception as e:  # not an answer of the service: a refused connection, a driver bug
        return {"id": request["id"], "ok": False, "error": {
            "code": "DriverError", "httpStatus": 0, "message": repr(e), "sdkExceptionType": type(e).__name__}}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(handle(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
