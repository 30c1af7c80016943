"""A local S3-compatible server for the tests: moto's ThreadedMotoServer on 127.0.0.1.

It speaks the S3 HTTP API on a free port of this machine; the portal reaches it through
django-storages and boto3 exactly as it would reach MinIO or AWS (ADR 0015). Nothing leaves the
machine. One server per test process; each test gets a bucket of its own.
"""

import uuid
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

ACCESS_KEY = "wir-test-access"
SECRET_KEY = "wir-test-secret"
REGION = "eu-central-1"


@dataclass
class S3Server:
    endpoint_url: str
    server: ThreadedMotoServer

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def new_bucket(self) -> str:
        name = f"wir-test-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def environ(self, bucket: str, prefix: str = "") -> dict[str, str]:
        """The environment of an app server that stores its uploads in `bucket`."""
        return {
            "WIR_S3_BUCKET": bucket,
            "WIR_S3_ENDPOINT_URL": self.endpoint_url,
            "WIR_S3_REGION": REGION,
            "WIR_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "WIR_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "WIR_S3_PREFIX": prefix,
            "WIR_S3_ADDRESSING_STYLE": "path",
        }

    def keys(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def stop(self) -> None:
        self.server.stop()


def start_s3_server() -> S3Server:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return S3Server(endpoint_url=f"http://{host}:{port}", server=server)
