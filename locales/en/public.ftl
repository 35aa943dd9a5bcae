# What the public sees (services/publication, Open311 reads, /reports).
public-description = { $venue ->
    [none] { $type }. Check of the code in the photo: { $verdict }.
   *[other] { $type } at { $venue }. Check of the code in the photo: { $verdict }.
}
public-change = { $state }
public-change-to = { $state }: { $target }
