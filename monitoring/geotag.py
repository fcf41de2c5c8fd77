"""Where and when a photo was taken, from the EXIF metadata its camera wrote (read with Pillow):
the GPS position and DateTimeOriginal. A photo without them, or whose metadata cannot be read,
simply has none; the team may then pick the place on the map."""

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import IO, Any

from PIL import ExifTags, Image

SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class PhotoPlace:
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    taken_at: datetime | None = None

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _degrees(value: Any, ref: Any, negative: str) -> Decimal | None:
    """Degrees, minutes and seconds (three EXIF rationals) as signed decimal degrees."""
    try:
        degrees, minutes, seconds = (Decimal(str(float(part))) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not all(part.is_finite() for part in (degrees, minutes, seconds)):
        return None
    result = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if str(ref).strip().upper() == negative:
        result = -result
    return result.quantize(SIX_PLACES)


def _taken_at(text: Any, offset: Any, zone: tzinfo) -> datetime | None:
    """DateTimeOriginal ("2027:05:12 09:30:00"), in its OffsetTimeOriginal ("+07:00") when the
    camera wrote one, else in ``zone``."""
    try:
        moment = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        try:
            return datetime.strptime(
                f"{moment:%Y-%m-%d %H:%M:%S}{str(offset).strip()}", "%Y-%m-%d %H:%M:%S%z"
            )
        except ValueError:
            pass
    return moment.replace(tzinfo=zone)


def photo_place(photo: IO[bytes], zone: tzinfo) -> PhotoPlace:
    """The GPS position and the time a photo was taken, as far as its EXIF tells."""
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            exif = image.getexif()
            gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
            details = exif.get_ifd(ExifTags.IFD.Exif)
    # Whatever a damaged or foreign file raises, it only means the photo tells nothing.
    except Exception:
        return PhotoPlace()
    finally:
        photo.seek(0)
    latitude = longitude = None
    if ExifTags.GPS.GPSLatitude in gps and ExifTags.GPS.GPSLongitude in gps:
        latitude = _degrees(
            gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef), "S"
        )
        longitude = _degrees(
            gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef), "W"
        )
    # Out of range, or 0°, 0° (what some cameras write without a fix): no position.
    if (
        latitude is None
        or longitude is None
        or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
        or (latitude == 0 and longitude == 0)
    ):
        latitude = longitude = None
    taken_at = None
    original = details.get(ExifTags.Base.DateTimeOriginal)
    if original:
        taken_at = _taken_at(original, details.get(ExifTags.Base.OffsetTimeOriginal), zone)
    return PhotoPlace(latitude, longitude, taken_at)
