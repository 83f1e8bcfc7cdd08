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

MAX_IMAGE_SIDE = 4_000
"""Pixels on either side: a logo this size prints 33 cm wide at 300 dots an inch."""

_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF"}
_DECODED_AS = {"PNG": {"PNG"}, "JPEG": {"JPEG", "MPO"}, "GIF": {"GIF"}}
"""What the decoder calls each format: a camera's JPEG may hold several pictures (MPO)."""


def check_image(data: bytes, media_type: str, where: str) -> None:
    """Refuse an image that is not of its media type, cannot be decoded whole, is too large
    or cannot go into a Word document; ``where`` starts the message."""
    problem = _image_problem(data, _FORMATS[media_type])
    if problem:
        raise ReportError(f"{where}: {problem}")


@lru_cache(maxsize=16)
def _image_problem(data: bytes, kind: str) -> str | None:
    """Say what is wrong with an image, or return None; the same logo is checked once."""
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
            return _size_problem("far larger than", MAX_IMAGE_SIDE, MAX_IMAGE_SIDE)
        except Image.UnidentifiedImageError:
            return f"not a {kind} image that can be read (its data is no image): save it again"
        except (OSError, SyntaxError, ValueError) as error:  # how the decoder meets bad data
            return f"not a {kind} image that can be read: {error}: save it again"
    if kind == "JPEG" and not {"jfif", "exif"} & set(image.info):
        return (
            "a JPEG without a JFIF or Exif header, which a Word document cannot take: save it "
            "again as JPEG or PNG with an image editor"
        )
    return None


def _kind_or_size_problem(image, kind: str) -> str | None:
    if image.format not in _DECODED_AS[kind]:
        return (
            f"not a {kind} image but {image.format}: save it as {kind}, or give it the name "
            "its format has (.png, .jpg, .gif)"
        )
    width, height = image.size
    if max(width, height) > MAX_IMAGE_SIDE:
        return _size_problem("", width, height)
    return None


def _size_problem(how: str, width: int, height: int) -> str:
    return (
        f"the image is {how + ' ' if how else ''}{width:,} × {height:,} pixels; an image may "
        f"have at most {MAX_IMAGE_SIDE:,} on each side: make it smaller"
    )


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
