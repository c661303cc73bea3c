//! Users for admins (the API refuses everyone else anyway): invite one with a
//! role and team, change either, deactivate, reset a password.

use kehu_types::{CreateUser, FieldError, Role, Team, UpdateUser, User};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Msg, format_datetime, role_label, use_i18n};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::dialog::Dialog;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let users = RwSignal::new(Vec::<User>::new());
    let teams = RwSignal::new(Vec::<Team>::new());
    let refresh = {
        let session = session.clone();
        move || session.load_directory(users, teams)
    };
    refresh();

    let update = {
        let session = session.clone();
        let refresh = refresh.clone();
        move |id: uuid::Uuid, patch: UpdateUser| {
            let session = session.clone();
            let refresh = refresh.clone();
            spawn_local(async move {
                match session.settle(session.client.update_user(id, &patch).await) {
                    Ok(_) => toasts.success(Msg::Saved),
                    Err(error) => toasts.error(Msg::for_code(error.code())),
                }
                refresh();
            });
        }
    };
    let reset_for = RwSignal::new(None::<User>);

    view! {
        <AdminFrame>
            <NewUserForm teams=teams on_created=Callback::new({
                let refresh = refresh.clone();
                move |_| refresh()
            })/>
            <div class="table-wrap">
                <table class="table" data-testid="users-table">
                    <thead>
                        <tr>
                            <th>{i18n.t(Msg::Name)}</th>
                            <th>{i18n.t(Msg::Email)}</th>
                            <th>{i18n.t(Msg::Role)}</th>
                            <th>{i18n.t(Msg::Team)}</th>
                            <th>{i18n.t(Msg::Status)}</th>
                            <th class="hide-narrow">{i18n.t(Msg::LastLogin)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || users.get() key=|u| (u.id, u.role, u.team_id, u.active) let:user>
                            {
                                let update_role = update.clone();
                                let update_team = update.clone();
                                let update_active = update.clone();
                                let id = user.id;
                                let active = user.active;
                                let team_id = user.team_id;
                                let role = user.role;
                                let for_reset = user.clone();
                                view! {
                                    <tr class:inactive=!active>
                                        <td class="strong">{user.name.clone()}</td>
                                        <td>{user.email.clone()}</td>
                                        <td>
                                            <select aria-label=i18n.t(Msg::Role) on:change=move |ev| {
                                                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                                    update_role(id, UpdateUser { role: Some(role), ..Default::default() });
                                                }
                                            }>
                                                {Role::ALL.iter().map(|r| {
                                                    let r = *r;
                                                    view! { <option value=r.as_str() selected=r == role>{move || role_label(r, i18n.locale())}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                        <td>
                                            <select aria-label=i18n.t(Msg::Team) on:change=move |ev| {
                                                let team = uuid::Uuid::parse_str(&event_target_value(&ev)).ok();
                                                update_team(id, UpdateUser { team_id: Some(team), ..Default::default() });
                                            }>
                                                <option value="" selected=team_id.is_none()>{i18n.t(Msg::NoTeam)}</option>
                                                {move || teams.get().into_iter().map(|t| {
                                                    view! { <option value=t.id.to_string() selected=team_id == Some(t.id)>{t.name}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                        <td>
                                            <span class="pill" class:off=!active>
                                                {move || if active { i18n.t(Msg::ActiveUser)() } else { i18n.t(Msg::Deactivated)() }}
                                            </span>
                                        </td>
                                        <td class="hide-narrow muted">
                                            {move || user.last_login_at.map(|at| format_datetime(at, i18n.locale())).unwrap_or_else(|| i18n.t(Msg::Never)().to_owned())}
                                        </td>
                                        <td class="row-actions">
                                            <button class="button small" on:click=move |_| update_active(id, UpdateUser { active: Some(!active), ..Default::default() })>
                                                {move || if active { i18n.t(Msg::Deactivate)() } else { i18n.t(Msg::Reactivate)() }}
                                            </button>
                                            <button class="button small" on:click=move |_| reset_for.set(Some(for_reset.clone()))>
                                                {i18n.t(Msg::ResetPassword)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            {move || reset_for.get().map(|user| view! { <ResetPasswordDialog user=user open=reset_for/> })}
        </AdminFrame>
    }
}

#[component]
fn NewUserForm(teams: RwSignal<Vec<Team>>, on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Agent);
    let team = RwSignal::new(None::<uuid::Uuid>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let input = CreateUser {
            email: email.get_untracked(),
            name: name.get_untracked(),
            password: password.get_untracked(),
            role: role.get_untracked(),
            team_id: team.get_untracked(),
        };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.create_user(&input).await) {
                Ok(_) => {
                    errors.set(Vec::new());
                    email.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    toasts.success(Msg::Saved);
                    on_created.run(());
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <form class="card form inline-form" on:submit=submit>
            <h2>{i18n.t(Msg::NewUser)}</h2>
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Msg::Email)}</span>
                    <input type="email" data-testid="new-user-email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="email"/>
                </label>
                <label class="field"><span>{i18n.t(Msg::Name)}</span>
                    <input data-testid="new-user-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="name"/>
                </label>
                <label class="field"><span>{i18n.t(Msg::Password)}</span>
                    <input type="password" autocomplete="new-password" data-testid="new-user-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="password"/>
                </label>
                <label class="field"><span>{i18n.t(Msg::Role)}</span>
                    <select data-testid="new-user-role" on:change=move |ev| role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::Agent))>
                        {Role::ALL.iter().map(|r| {
                            let r = *r;
                            view! { <option value=r.as_str() selected=r == Role::Agent>{move || role_label(r, i18n.locale())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>{i18n.t(Msg::Team)}</span>
                    <select on:change=move |ev| team.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())>
                        <option value="">{i18n.t(Msg::NoTeam)}</option>
                        {move || teams.get().into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                    </select>
                </label>
                <div class="field end"><button class="button primary" type="submit" data-testid="new-user-save">{i18n.t(Msg::Create)}</button></div>
            </div>
        </form>
    }
}

#[component]
fn ResetPasswordDialog(user: User, open: RwSignal<Option<User>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let id = user.id;
    let submit = move |_: SubmitEvent| {
        if let Err(found) = kehu_domain::validate::password("new_password", &password.get_untracked()) {
            errors.set(found);
            return;
        }
        let session = session.clone();
        let new_password = password.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = session.settle(session.client.reset_user_password(id, &new_password).await);
            busy.set(false);
            match result {
                Ok(()) => {
                    toasts.success(Msg::Saved);
                    open.set(None);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    view! {
        <Dialog
            title=Msg::ResetPassword
            subtitle=user.name.clone()
            on_close=Callback::new(move |_| open.set(None))
            on_submit=Callback::new(submit)
            busy=busy
        >
            <label class="field">
                <span>{i18n.t(Msg::NewPassword)}</span>
                <input type="password" autocomplete="new-password" autofocus prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                <FieldHint errors=errors field="new_password"/>
            </label>
        </Dialog>
    }
}
