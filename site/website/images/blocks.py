from wagtail.images.blocks import ImageChooserBlock

from .renditions import prefetch


class PhotoChooserBlock(ImageChooserBlock):
    """An image chooser whose images come with the renditions of their set, in one query."""

    def __init__(self, rendition_set="photo", **kwargs):
        self.rendition_set = rendition_set
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        images = super().bulk_to_python(values)
        prefetch(images, self.rendition_set)
        return images
