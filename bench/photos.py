"""Camera-like test photos, made deterministically: gradients, shapes, sensor noise. No people."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def camera_photo(seed, size=(6000, 4000), quality=90):
    """A JPEG that compresses like a 24 MP camera photo (about 8–9 MB at full size)."""
    rng = random.Random(seed)  # noqa: S311 (reproducible pictures, not secrets)
    width, height = size
    small = (max(width // 8, 1), max(height // 8, 1))
    top = tuple(rng.randrange(40, 220) for _ in range(3))
    bottom = tuple(rng.randrange(20, 200) for _ in range(3))
    scene = Image.linear_gradient("L").resize(small)
    scene = Image.composite(Image.new("RGB", small, bottom), Image.new("RGB", small, top), scene)
    draw = ImageDraw.Draw(scene)
    for _ in range(12):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        radius = rng.randrange(small[0] // 20, small[0] // 4)
        colour = tuple(rng.randrange(256) for _ in range(3))
        ry = radius * 2 // 3
        draw.ellipse((x - radius, y - ry, x + radius, y + ry), fill=colour)
    scene = scene.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BICUBIC)
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
    photo = Image.blend(scene, noise, 0.12)
    output = io.BytesIO()
    photo.save(output, "JPEG", quality=quality)
    return output.getvalue()
