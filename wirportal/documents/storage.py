"""Where uploaded and generated files live: the local disk by default, S3-compatible object storage
when WIR_S3_BUCKET is set (config/settings/base.py `object_storage`, ADR 0015).

Every module reads and writes files through `default_storage`, so the backend is a setting. Files
are private on both: nothing links to them, downloads go through the authorised views
(`documents:download`, the event material download) with their own headers and audit.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend that never gives out a URL of an object.

    A presigned URL would let whoever holds it fetch the file for an hour without the portal's
    permission check, audit entry or safe headers; a plain one would expose a public bucket. So
    `url()` refuses, as MEDIA_URL is never served on the disk.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError(
            "stored files have no URL: download them through the portal's views"
        )
