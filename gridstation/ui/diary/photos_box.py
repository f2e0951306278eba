"""Photos and scans of the selected diary item (e.g. a hazard before and after): thumbnails, a
larger view on click, and "Attach photo…". An attachment is a record of its own, so it can be
added to an item of a closed day too, without changing the item; it syncs with its content."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import attachments
from gridstation.db.models import Attachment
from gridstation.domain.diary import DiaryItemView
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op

OWNER_KIND = "diary_item"
THUMB = QSize(72, 54)


def load_photos(context: Context, item_id: str) -> list[tuple[Attachment, QImage]]:
    """The item's attachments with their thumbnails, decoded here on the operations thread (a photo
    may be several MB): a null image for a PDF or content not arrived yet."""
    with context.store.read() as session:
        found = attachments.for_owner(session, owner_kind=OWNER_KIND, owner_id=item_id)
    thumbs = []
    for photo in found:
        path = attachments.content_path(context.data_dir, photo.sha256)
        image = QImage(str(path)) if path.is_file() else QImage()
        if not image.isNull():
            image = image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        thumbs.append((photo, image))
    return thumbs


class PhotoViewer(QDialog):
    def __init__(self, path: Path, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption or path.name)
        layout = QVBoxLayout(self)
        picture = QLabel()
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            picture.setText(self.tr("This attachment cannot be shown here (it is not a picture)."))
        else:
            picture.setPixmap(pixmap.scaled(QSize(900, 650), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        layout.addWidget(picture)


class PhotosBox(QWidget):
    """``attached`` after a photo was stored. ``set_item(grid_code, item)`` passes the selected item."""

    attached = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.grid_code = ""
        self.item: DiaryItemView | None = None
        self.can_attach = False
        self.photos: list[Attachment] = []
        self.viewer: PhotoViewer | None = None
        self.setObjectName("diary_photos")
        self.label = QLabel(self.tr("Photos:"))
        self.label.setStyleSheet("color: #5f6368;")
        self.strip = QHBoxLayout()
        self.strip.setSpacing(4)
        self.attach_button = QPushButton(self.tr("Attach photo…"))
        self.attach_button.setObjectName("diary_attach_photo")
        self.attach_button.setToolTip(self.tr("A JPEG or PNG photo or a PDF scan of up to 20 MB"))
        self.attach_button.clicked.connect(self.choose_file)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addLayout(self.strip)
        row.addStretch(1)
        row.addWidget(self.attach_button)
        self.set_item("", None)

    def set_item(self, grid_code: str, item: DiaryItemView | None, *, can_attach: bool = True) -> None:
        """Show the photos of ``item``; ``can_attach``: the user may add photos (their own page)."""
        self.grid_code, self.item, self.can_attach = grid_code, item, can_attach
        self.attach_button.setEnabled(item is not None and can_attach)
        self._show([])
        if item is not None:
            item_id = item.id
            run_op(self, load_photos, self.context, item_id,
                   success=lambda photos: self._show(photos) if self.item is not None and self.item.id == item_id
                   else None)

    def _show(self, loaded: list[tuple[Attachment, QImage]]) -> None:
        self.photos = [photo for photo, _ in loaded]
        while self.strip.count():
            widget = self.strip.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for photo, thumb in loaded:
            button = QToolButton()
            button.setObjectName(f"photo_{photo.id}")
            button.setIconSize(THUMB)
            if thumb.isNull():
                button.setText("PDF" if photo.media_type == "application/pdf" else "…")
            else:
                button.setIcon(QPixmap.fromImage(thumb))
            button.setToolTip(photo.caption or photo.file_name)
            button.clicked.connect(lambda _checked=False, p=photo: self.open_photo(p))
            self.strip.addWidget(button)
        self.label.setText(self.tr("Photos: {n}").format(n=len(loaded)) if loaded else self.tr("Photos:"))

    def open_photo(self, photo: Attachment) -> None:
        path = attachments.content_path(self.context.data_dir, photo.sha256)
        if not path.is_file():
            self.label.setText(self.tr("This photo has not arrived from the district server yet."))
            return
        self.viewer = PhotoViewer(path, photo.caption or photo.file_name, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a photo or scan"), "",
                                              self.tr("Photos and scans (*.jpg *.jpeg *.png *.pdf)"))
        if name:
            self.attach(Path(name))

    def attach(self, path: Path) -> None:
        if self.item is None or self.context.user is None or not self.can_attach:
            return
        item_id = self.item.id
        self.attach_button.setEnabled(False)

        def done(_record: object) -> None:
            self.attach_button.setEnabled(self.item is not None and self.can_attach)
            self.attached.emit()
            if self.item is not None and self.item.id == item_id:
                self.set_item(self.grid_code, self.item, can_attach=self.can_attach)

        def failed(exc: BaseException) -> None:
            self.attach_button.setEnabled(self.item is not None and self.can_attach)
            show_error(self, exc)

        run_op(self, attachments.add, self.context.store, self.context.user.actor, grid_code=self.grid_code,
               source=path, owner_kind=OWNER_KIND, owner_id=item_id, success=done, failure=failed)
