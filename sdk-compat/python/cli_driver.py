#!/usr/bin/env python3
"""The AWS CLI driver of earkit: one JSON line in, one JSON line out, like driver.py (docs/sdk-compatibility.md).

Every call is one AWS CLI command, `aws <service> <operation> --cli-input-json <input> --no-paginate --output json
--endpoint-url <endpoint>`, with a private configuration (no user configuration is read). The `aws` found on the
PATH decides the CLI: when this Python imports the same awscli, the command runs in process through
awscli.clidriver.create_clidriver().main(args), which is what the `aws` entry point runs, a new CLIDriver (new
botocore session, new connection) per command; the HTTP status and error code then come from botocore's after-call
event on that session, and the CLI's own "An error occurred (CODE)" on stderr must agree. Otherwise (a CLI bundled
with its own Python, e.g. the v2 installer) each call spawns `aws --debug` and reads the status from urllib3's log line.

Blobs: the CLI v1 takes a blob only as text and sends its UTF-8 bytes; bytes that are not valid UTF-8 cannot be said
to it, so such a request is answered "unsupported" (never sent). The CLI v2 takes base64 (cli_binary_format base64).
"""
import atexit
import base64
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SERVICES = {"dynamodb": "dynamodb", "streams": "dynamodbstreams", "kms": "kms", "cloudtrail": "cloudtrail", "logs": "logs"}
settings = None
cli = {}  # version, major, mode, python
models = {}  # service -> botocore's service model, read once


class NotSent(Exception):
    """A failure of the driver before its command ran: answered with sent false, the kit's fault, never the target's."""


class Unsupported(Exception):
    """A request this CLI cannot express: the kit reports the scenario not applicable for the column, with the reason."""


def cli_version():
    aws = shutil.which("aws")
    if aws is None:
        raise NotSent("no `aws` on the PATH")
    done = subprocess.run([aws, "--version"], capture_output=True, text=True, timeout=60, env=private_env())
    text = (done.stdout + done.stderr).strip()
    m = re.match(r"aws-cli/(\d+)\.(\S+)", text)
    if done.returncode != 0 or m is None:
        raise NotSent("`aws --version` answered %r (exit %d)" % (text, done.returncode))
    return aws, m.group(1) + "." + m.group(2), int(m.group(1)), text


def in_process_possible(version):
    """The in-process path only when this Python's awscli is the very CLI on the PATH."""
    if os.environ.get("EARKIT_AWS_CLI_MODE") == "subprocess":
        return False
    try:
        import awscli
        import awscli.clidriver  # noqa: F401
    except ImportError:
        return False
    return awscli.__version__ == version


def private_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    home = cli.get("home")
    if home:
        env["AWS_CONFIG_FILE"] = os.path.join(home, "config")
        env["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(home, "credentials")
    if settings:
        env["AWS_ACCESS_KEY_ID"] = settings["accessKeyId"]
        env["AWS_SECRET_ACCESS_KEY"] = settings["secretAccessKey"]
        env["AWS_DEFAULT_REGION"] = settings["region"]
    env["AWS_PAGER"] = ""
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env


def configure(s):
    global settings
    settings = s
    cli["home"] = tempfile.mkdtemp(prefix="earkit-aws-cli-")
    atexit.register(shutil.rmtree, cli["home"], True)
    cli["aws"], cli["version"], cli["major"], cli["versionLine"] = cli_version()
    # The CLI v1 only knows text for blobs (raw-in-base64-out says so explicitly); v2 takes base64 as it is on the wire.
    binary = "raw-in-base64-out" if cli["major"] == 1 else "base64"
    lines = ["[default]", "region = " + s["region"], "output = json", "cli_timestamp_format = wire",
             "cli_binary_format = " + binary, "cli_pager = "]
    if s.get("retries") is False:
        lines += ["max_attempts = 1", "retry_mode = standard"]
    with open(os.path.join(cli["home"], "config"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(cli["home"], "credentials"), "w") as f:
        f.write("")
    cli["binary"] = binary
    cli["mode"] = "in-process" if in_process_possible(cli["version"]) else "subprocess"
    if cli["mode"] == "in-process":
        # The CLI reads its configuration from the environment of this process: the private one only.
        for k in [k for k in os.environ if k.startswith("AWS_")]:
            del os.environ[k]
        os.environ.update({k: v for k, v in private_env().items() if k.startswith("AWS_")})
        # What `import awscli` sets for the CLI's own data (its command tables), without any user's additions.
        import awscli
        os.environ["AWS_DATA_PATH"] = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data")


def info():
    mode = cli.get("mode", "")
    return {
        "name": "AWS CLI",
        "version": cli.get("version", ""),
        "runtime": cli.get("versionLine", "") + (
            "; in process: awscli.clidriver.create_clidriver().main(args), a new CLIDriver per command (one data loader of "
            "the CLI's model files shared)" if mode == "in-process"
            else "; a new `aws` process per command"),
        "http": "one command per call, each a new botocore session and connection (--no-paginate, cli_binary_format "
                + cli.get("binary", "") + ", cli_timestamp_format wire"
                + (", max_attempts 1" if settings and settings.get("retries") is False else "") + ")",
        # How blobs are given to this CLI: v1 only as text (its UTF-8 bytes are sent), v2 as base64.
        "blobInput": "utf-8 text" if cli.get("major") == 1 else "base64",
    }


def operation_model(service, operation):
    try:
        import botocore.session
    except ImportError:
        return None
    try:
        if service not in models:
            models[service] = botocore.session.get_session().get_service_model(SERVICES[service])
        return models[service].operation_model(operation)
    except Exception as e:
        raise NotSent("unknown operation %s:%s (%r)" % (service, operation, e))


def to_cli(value, shape, path):
    """Wire JSON to what --cli-input-json of this CLI takes: v2 takes blobs as base64 (as is); v1 as text (UTF-8)."""
    if value is None or shape is None:
        return value
    if shape.type_name == "structure":
        return {k: to_cli(v, shape.members.get(k), path + "." + k) for k, v in value.items()}
    if shape.type_name == "list":
        return [to_cli(v, shape.member, "%s[%d]" % (path, i)) for i, v in enumerate(value)]
    if shape.type_name == "map":
        return {k: to_cli(v, shape.value, path + "." + k) for k, v in value.items()}
    if shape.type_name == "blob" and cli["major"] == 1:
        raw = base64.b64decode(value)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Unsupported("the AWS CLI v1 takes a blob only as text and sends its UTF-8 bytes; the request's %s holds %d "
                              "bytes that are not valid UTF-8 (%s), so the AWS CLI v1 cannot send them"
                              % (path.lstrip("."), len(raw), e.reason))
    return value


def command(request):
    service = request["service"]
    if service not in SERVICES:
        raise NotSent("unknown service " + service)
    model = operation_model(service, request["operation"])
    if model is None and cli["major"] == 1:
        raise NotSent("botocore is not importable, so blobs cannot be told apart for the AWS CLI v1")
    data = request.get("input") or {}
    if model is not None:
        data = to_cli(data, model.input_shape, "")
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", request["operation"]).lower()
    return [SERVICES[service], name, "--cli-input-json", json.dumps(data), "--no-paginate", "--output", "json",
            "--endpoint-url", settings["endpoint"]]


def run_in_process(args):
    from awscli.clidriver import create_clidriver
    driver = create_clidriver()
    # The data loader only caches the CLI's installed model files, which no command changes; sharing it saves their
    # reading and parsing (0.37 s to 0.09 s a command here). Session, credentials, client and connection stay new.
    if "loader" in cli:
        driver.session.register_component("data_loader", cli["loader"])
    else:
        cli["loader"] = driver.session.get_component("data_loader")
    seen = {"sent": False, "answers": []}

    def before_send(**kwargs):
        seen["sent"] = True

    def after_call(http_response, parsed, **kwargs):
        error = (parsed or {}).get("Error", {})
        seen["answers"].append((http_response.status_code, error.get("Code"), error.get("Message", "")))

    driver.session.register("before-send", before_send)
    driver.session.register("after-call", after_call)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(args)
        except SystemExit as e:  # argparse's way of refusing a command line
            rc = e.code if isinstance(e.code, int) else 255
    status, code, message = seen["answers"][-1] if seen["answers"] else (None, None, None)
    return rc, out.getvalue(), err.getvalue(), seen["sent"], status, code, message


URLLIB3_LINE = re.compile(r'"POST / HTTP/1\.1" (\d{3}) ')


def run_subprocess(args):
    done = subprocess.run([cli["aws"], "--debug"] + args, capture_output=True, text=True, env=private_env(),
                          stdin=subprocess.DEVNULL)
    statuses = URLLIB3_LINE.findall(done.stderr)
    status = int(statuses[-1]) if statuses else None
    sent = "Sending http request" in done.stderr
    code, message = error_line(done.stderr)
    return done.returncode, done.stdout, done.stderr, sent, status, code, message


def error_line(stderr):
    m = re.search(r"An error occurred \(([^)]*)\) when calling the \w+ operation(?: \([^)]*\))?: (.*)", stderr)
    return (m.group(1), m.group(2).strip()) if m else (None, None)


def call(request):
    args = command(request)
    rc, stdout, stderr, sent, status, code, message = (run_in_process if cli["mode"] == "in-process" else run_subprocess)(args)
    if rc == 0:
        if status is None or not 200 <= status < 300:
            raise Fault("exit 0 without a 2xx answer (HTTP status %r); stderr: %s" % (status, stderr[-2000:]))
        return {"ok": True, "output": json.loads(stdout) if stdout.strip() else {}}
    if status is None:
        if not sent:
            raise NotSent("the AWS CLI refused the command before sending it (exit %d): %s" % (rc, stderr.strip()[-2000:]))
        return {"ok": False, "error": {"code": "DriverError", "httpStatus": 0, "message": stderr.strip()[-2000:],
                                       "sdkExceptionType": "exit %d" % rc}}
    shown, _ = error_line(stderr)
    if shown != code:
        raise Fault("the service answered HTTP %d %r, but the CLI's stderr shows %r: %s" % (status, code, shown, stderr[-2000:]))
    return {"ok": False, "error": {"code": code, "httpStatus": status, "message": message,
                                   "sdkExceptionType": "exit %d: An error occurred (%s)" % (rc, code)}}


class Fault(Exception):
    """The CLI's behaviour contradicts itself (exit code, stderr, the answer): the kit's driver fault, no verdict."""


def handle(request):
    if "configure" in request:
        try:
            configure(request["configure"])
        except (NotSent, OSError, subprocess.SubprocessError) as e:
            return {"ok": False, "error": {"message": str(e)}}
        return {"ok": True, "output": info()}
    if request.get("info"):
        return {"id": request["id"], "ok": True, "output": info()}
    try:
        return dict(call(request), id=request["id"])
    except Unsupported as e:
        return {"id": request["id"], "ok": False, "unsupported": str(e)}
    except NotSent as e:
        return {"id": request["id"], "ok": False, "error": {
            "code": "DriverError", "httpStatus": 0, "sent": False, "message": str(e), "sdkExceptionType": "NotSent"}}
    except Fault as e:
        return {"id": request["id"], "ok": False, "fault": str(e)}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(handle(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
