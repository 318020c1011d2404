//! Files a visitor saves from a page (a calculator's CSV, a chart's SVG or
//! PNG), made in the browser from what the page already shows: nothing is
//! sent anywhere. Called from click handlers only, never while prerendering.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why a file could not be made; shown next to the button that asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DownloadError {
    #[error(
        "your browser could not make the file ({0}); try again, or copy the numbers from the table"
    )]
    Browser(String),
}

impl From<JsValue> for DownloadError {
    fn from(value: JsValue) -> Self {
        DownloadError::Browser(
            value
                .as_string()
                .or_else(|| {
                    value
                        .dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                })
                .unwrap_or_else(|| "unknown error".into()),
        )
    }
}

/// Saves `text` as a file named `file_name` of type `mime`.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(file_name, &blob)
}

/// Saves a CSV document, marked as UTF-8 (a byte-order mark) so that
/// spreadsheets read `×`, `€` and accented channel names correctly.
pub fn save_csv(file_name: &str, csv: &str) -> Result<(), DownloadError> {
    save_text(
        file_name,
        "text/csv;charset=utf-8",
        &format!("\u{feff}{csv}"),
    )
}

/// Draws an SVG document (`width` × `height` user units) onto a canvas at
/// twice its size, for sharp slides, and saves it as a PNG. The image is
/// read from a `data:` URL, which the site's `img-src` already allows and
/// which leaves the canvas untainted.
pub fn save_svg_as_png(
    file_name: &str,
    svg: &str,
    width: f64,
    height: f64,
) -> Result<(), DownloadError> {
    const SCALE: f64 = 2.0;
    let document = document()?;
    let image = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width((width * SCALE).round() as u32);
    canvas.set_height((height * SCALE).round() as u32);
    let file_name = file_name.to_string();
    let drawn = image.clone();
    let onload = Closure::once_into_js(move || {
        let result = (|| -> Result<(), DownloadError> {
            let context: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| DownloadError::Browser("no 2D canvas".into()))?
                .unchecked_into();
            context.scale(SCALE, SCALE)?;
            context.draw_image_with_html_image_element_and_dw_and_dh(
                &drawn, 0.0, 0.0, width, height,
            )?;
            let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
                if let Some(blob) = blob {
                    let _ = save_blob(&file_name, &blob);
                }
            });
            canvas.to_blob_with_type(on_blob.unchecked_ref(), "image/png")?;
            Ok(())
        })();
        if let Err(error) = result {
            web_sys::console::error_1(&error.to_string().into());
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    let encoded = String::from(js_sys::encode_uri_component(svg));
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
    Ok(())
}

/// Clicks a temporary `download` link to the blob, then lets the URL go
/// once the browser has started the download.
fn save_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), DownloadError> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document()?.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or_else(|| DownloadError::Browser("no window".into()))?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000)?;
    Ok(())
}

fn document() -> Result<web_sys::Document, DownloadError> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| DownloadError::Browser("no document".into()))
}
