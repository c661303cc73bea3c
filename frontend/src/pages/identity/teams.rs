//! Teams for admins: add one, rename it, choose its lead.

use kehu_types::{CreateTeam, FieldError, Team, User};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Desk, Msg, use_i18n};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let users = RwSignal::new(Vec::<User>::new());
    let teams = RwSignal::new(Vec::<Team>::new());
    session.load_directory(users, teams);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let lead_session = session.clone();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let input = CreateTeam {
            name: name.get_untracked(),
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            lead_id: None,
        };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.create_team(&input).await) {
                Ok(_) => {
                    name.set(String::new());
                    description.set(String::new());
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    session.load_directory(users, teams);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    let members = move |team: uuid::Uuid| users.with(|list| list.iter().filter(|u| u.team_id == Some(team)).count());
    // The lead hears of SLA warnings and breaches and takes level-1 escalations.
    let set_lead = Callback::new(move |(team, lead): (uuid::Uuid, Option<uuid::Uuid>)| {
        let session = lead_session.clone();
        spawn_local(async move {
            let patch = kehu_types::UpdateTeam { lead_id: Some(lead), ..Default::default() };
            match session.settle(session.client.update_team(team, &patch).await) {
                Ok(_) => {
                    toasts.success(Msg::Saved);
                    session.load_directory(users, teams);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    });
    view! {
        <AdminFrame>
            <form class="card form inline-form" on:submit=submit>
                <h2>{i18n.t(Msg::NewTeam)}</h2>
                <div class="grid-3">
                    <label class="field"><span>{i18n.t(Msg::TeamName)}</span>
                        <input data-testid="new-team-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="name"/>
                    </label>
                    <label class="field"><span>{i18n.t(Msg::Description)}</span>
                        <input prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
                    </label>
                    <div class="field end"><button class="button primary" type="submit" data-testid="new-team-save">{i18n.t(Msg::Create)}</button></div>
                </div>
            </form>
            <div class="table-wrap">
                <table class="table" data-testid="teams-table">
                    <thead><tr><th>{i18n.t(Msg::TeamName)}</th><th>{i18n.t(Msg::Description)}</th><th>{i18n.t(Msg::Users)}</th><th>{i18n.t(Desk::TeamLead)}</th></tr></thead>
                    <tbody>
                        <For each=move || teams.get() key=|t| (t.id, t.lead_id) let:team>
                            <tr>
                                <td class="strong">{team.name.clone()}</td>
                                <td>{team.description.clone().unwrap_or_default()}</td>
                                <td>{move || members(team.id)}</td>
                                <td>
                                    <select class="select" aria-label=i18n.t(Desk::TeamLead) data-testid="team-lead"
                                        on:change=move |ev| set_lead.run((team.id, uuid::Uuid::parse_str(&event_target_value(&ev)).ok()))>
                                        <option value="" selected=team.lead_id.is_none()>"—"</option>
                                        {move || users.get().into_iter().filter(|u| u.active).map(|u| {
                                            let selected = team.lead_id == Some(u.id);
                                            view! { <option value=u.id.to_string() selected=selected>{u.name}</option> }
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </AdminFrame>
    }
}
