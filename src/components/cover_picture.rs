use leptos::prelude::*;
use quire_model::{Picture, PICTURE_SIZES};

/// A post's or page's cover: the same `<picture>` the compiler writes for
/// body images (AVIF, WebP, then the original's format, each at several
/// widths), with its intrinsic size so nothing moves when it arrives. It is
/// at the top of the page, so it is fetched at once and early.
#[component]
pub fn CoverPicture(picture: Picture) -> impl IntoView {
    let Picture {
        src,
        width,
        height,
        alt,
        avif,
        webp,
        srcset,
    } = picture;
    let source = |mime: &'static str, srcset: String| {
        (!srcset.is_empty())
            .then(|| view! { <source type=mime srcset=srcset sizes=PICTURE_SIZES /> })
    };
    view! {
        <picture class="cover">
            {source("image/avif", avif)}
            {source("image/webp", webp)}
            <img
                src=src
                srcset=srcset
                sizes=PICTURE_SIZES
                width=width
                height=height
                alt=alt
                decoding="async"
                fetchpriority="high"
            />
        </picture>
    }
}
