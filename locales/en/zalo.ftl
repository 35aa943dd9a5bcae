zalo-share-location = 📍 To share a location on Zalo: tap ➕ (or 📎) next to the message box, choose "Location", then send your current location.
zalo-choose-number = Reply with a number to choose:
zalo-unsupported-media = Sorry, the report channel cannot take stickers, GIFs, audio or video. Please send a photo, a location or a text message.
zalo-no-name = there
