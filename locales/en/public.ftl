# What the public sees (services/publication, Open311 reads, /reports).
public-description = { $venue ->
    [none] { $type }. Check of the code in the photo: { $verdict }.
   *[other] { $type } at { $venue }. Check of the code in the photo: { $verdict }.
}
public-change = { $state }
public-change-to = { $state }: { $target }
btn-publish-photo = 📢 Publish this photo
btn-unpublish-photo = 🙈 Unpublish the photo
publish-photo-done = The photo is now on the public reports page.
unpublish-photo-done = The photo is no longer public.
console-photo-public = This photo is public.
console-action-photo = The public photos of { $number } are updated.
