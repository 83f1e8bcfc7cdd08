"""A theme's images (its logo), checked before any output holds them (the only Pillow import).

The PDF drops an image it cannot decode and the DOCX cannot take it at all, so an image is
decoded whole here, where its file can still be named, and its size is bounded: every output
carries it, and a few kilobytes of PNG can declare a picture of billions of pixels.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from PIL import Image, ImageFile

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _, current_language, number

MAX_IMAGE_SIDE = 4_000
"""Pixels on either side: a logo this size prints 33 cm wide at 300 dots an inch."""

_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF"}
_DECODED_AS = {"PNG": {"PNG"}, "JPEG": {"JPEG", "MPO"}, "GIF": {"GIF"}}
"""What the decoder calls each format: a camera's JPEG may hold several pictures (MPO)."""


def check_image(data: bytes, media_type: str, where: str) -> None:
    """Refuse an image that is not of its media type, cannot be decoded whole, is too large
    or cannot go into a Word document; ``where`` starts the message."""
    problem = _image_problem(data, _FORMATS[media_type], current_language())
    if problem:
        raise ReportError(f"{where}: {problem}")


@lru_cache(maxsize=16)
def _image_problem(data: bytes, kind: str, language: str) -> str | None:
    """Say what is wrong with an image in ``language`` (the current one), or return None; the
    same logo is checked once per language."""
    with warnings.catch_warnings(), _truncated_images_refused():
        # The decoder warns of a large image before it refuses a huge one: the bound is ours.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            problem = _kind_or_size_problem(image, kind)
            if problem:
                return problem
            image.load()
        except Image.DecompressionBombError:
            return _(
                "the image is far larger than {side} × {side} pixels; an image may have at most "
                "{side} on each side: make it smaller",
                side=number(MAX_IMAGE_SIDE),
            )
        except Image.UnidentifiedImageError:
            return _(
                "not a {kind} image that can be read (its data is no image): save it again",
                kind=kind,
            )
        except (OSError, SyntaxError, ValueError) as error:  # how the decoder meets bad data
            return _(
                "not a {kind} image that can be read: {error}: save it again",
                kind=kind,
                error=error,
            )
    if kind == "JPEG" and not {"jfif", "exif"} & set(image.info):
        return _(
            "a JPEG without a JFIF or Exif header, which a Word document cannot take: save it "
            "again as JPEG or PNG with an image editor"
        )
    return None


def _kind_or_size_problem(image, kind: str) -> str | None:
    if image.format not in _DECODED_AS[kind]:
        return _(
            "not a {kind} image but {format}: save it as {kind}, or give it the name its "
            "format has (.png, .jpg, .gif)",
            kind=kind,
            format=image.format,
        )
    width, height = image.size
    if max(width, height) > MAX_IMAGE_SIDE:
        return _(
            "the image is {width} × {height} pixels; an image may have at most {side} on each "
            "side: make it smaller",
            width=number(width),
            height=number(height),
            side=number(MAX_IMAGE_SIDE),
        )
    return None


@contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """Let the decoder fail on a file cut short: WeasyPrint, once imported, tells it to fill in
    what is missing for the whole process, which would pass a truncated logo as sound."""
    loading = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = loading
