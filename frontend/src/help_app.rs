//! The public help centre as its own small app: customers reading help
//! articles or writing in never download the staff app.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::{I18n, Locale, follow_locale};
use crate::pages::knowledge::help::RequestForm;
use crate::pages::knowledge::help_centre::{HelpArticle, HelpCentre};
use crate::session::saved_locale;

#[component]
pub fn HelpApp() -> impl IntoView {
    let locale = RwSignal::new(Locale::from_tag(&saved_locale().unwrap_or_default()));
    provide_context(I18n(locale));
    follow_locale(locale);
    view! {
        <Router>
            <Routes fallback=HelpCentre>
                <Route path=path!("/help") view=HelpCentre/>
                <Route path=path!("/help/articles/:id") view=HelpArticle/>
                <Route path=path!("/help/request") view=RequestForm/>
            </Routes>
        </Router>
    }
}
