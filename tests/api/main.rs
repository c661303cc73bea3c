//! Black-box API tests over real HTTP. Every scenario runs on SQLite and on
//! PostgreSQL (see `on_both_databases!`).

mod access;
mod auth;
mod calendars;
mod compensation_approvals;
mod custom_fields;
mod customers;
mod external_ids;
mod knowledge;
mod loyalty;
mod money;
mod orders;
mod packaging;
mod plans;
mod products;
mod public;
mod records;
mod segments;
mod sla;
mod spec;
mod stages;
mod tasks;
mod ticket_visibility;
mod tickets;
mod value_rules;
mod web;

use kehu_tests::on_both_databases;

on_both_databases!(
    auth::login_me_and_logout,
    auth::wrong_passwords_are_throttled,
    auth::refresh_rotates_and_reuse_revokes_the_family,
    auth::deactivated_users_lose_access,
    auth::password_change_ends_other_sessions,
    auth::each_user_keeps_their_own_time_zone,
    access::role_matrix_leaves_records_unchanged_when_denied,
    access::agents_see_own_team_and_unowned_customers_only,
    access::viewers_see_masked_contacts,
    access::admin_endpoints_manage_users_and_teams,
    customers::create_normalises_and_reads_back,
    customers::validation_errors_name_every_field,
    customers::malformed_bodies_and_queries_are_4xx,
    customers::updates_need_the_current_version,
    customers::simultaneous_updates_of_one_version_let_one_win,
    customers::idempotent_create_creates_once,
    customers::pages_cover_every_customer_once_in_every_order,
    customers::cjk_and_phone_search,
    customers::a_callers_digits_find_their_customer,
    customers::the_digit_keys_migration_keys_existing_customers,
    customers::filters_combine,
    customers::trash_and_restore,
    external_ids::external_ids_are_unique_per_source_and_name_customers_in_writes,
    external_ids::every_write_names_customers_alike_and_hidden_is_unknown,
    external_ids::racing_writes_for_one_external_id_are_told_it_is_taken,
    custom_fields::custom_fields_are_defined_by_admins_and_values_fit_their_type,
    custom_fields::consent_changes_are_kept_in_a_ledger,
    stages::stage_graph_is_enforced_with_history,
    stages::timeline_merges_and_pages,
    records::writes_leave_audit_rows_and_outbox_events,
    knowledge::agents_draft_and_managers_publish_articles,
    knowledge::articles_render_safely_and_search_in_chinese_and_english,
    knowledge::help_centre_and_ticket_suggestions,
    orders::paid_orders_drive_value_and_stage_in_one_write,
    orders::concurrent_orders_of_one_customer_all_count,
    orders::refunds_reverse_value_exactly_and_reach_the_timeline,
    orders::only_a_purchase_after_losing_a_customer_wins_them_back,
    value_rules::settings_are_admin_only_checked_and_versioned,
    value_rules::purchases_climb_the_stages_by_the_configured_thresholds,
    value_rules::the_inactivity_sweep_moves_quiet_customers_and_a_purchase_wins_them_back,
    value_rules::one_time_buyers_lapse_through_the_daily_job,
    value_rules::the_daily_work_runs_at_the_configured_local_time,
    value_rules::the_daily_work_follows_the_default_calendars_zone,
    value_rules::rfm_scores_are_fifths_with_ties_and_run_daily,
    value_rules::cost_to_serve_and_profit_follow_tickets_and_compensation,
    value_rules::bulk_import_is_all_or_nothing_and_idempotent,
    loyalty::paid_orders_earn_points_and_refunds_take_them_back_exactly,
    loyalty::redemptions_never_overdraw_even_when_racing,
    loyalty::points_lapse_after_the_configured_months_oldest_first,
    loyalty::compensation_points_lift_the_tier_and_gold_gets_its_sla,
    loyalty::spend_tiers_fall_when_old_orders_leave_the_year,
    segments::segment_counts_follow_profile_value_and_loyalty,
    segments::custom_fields_and_last_contact_filter_alike_on_both_databases,
    segments::bad_filters_name_the_node_and_agents_count_only_whom_they_see,
    segments::saved_segments_are_private_or_shared_and_list_their_members,
    products::managers_keep_the_catalogue_and_everyone_reads_it,
    products::bulk_sync_is_idempotent_and_all_or_nothing,
    products::simultaneous_repricing_lets_one_win,
    tickets::a_complaint_runs_through_the_whole_process,
    tickets::ownership_moves_by_transfer_and_escalation,
    tickets::simultaneous_edits_of_one_ticket_lose_nothing,
    tickets::agents_see_their_teams_tickets_and_viewers_only_read,
    tickets::queues_filter_search_and_page,
    tickets::compensation_categories_and_numbers,
    ticket_visibility::agents_reach_only_tickets_of_customers_they_see,
    compensation_approvals::each_role_gives_within_its_limits_and_managers_approve_the_rest,
    compensation_approvals::limits_are_admin_settings_checked_and_versioned,
    sla::clocks_start_pause_resume_and_fulfil_with_the_process,
    sla::warnings_and_breaches_notify_and_escalate_on_their_own,
    sla::a_due_job_runs_once_across_two_instances,
    sla::policies_and_calendars_are_checked_and_matched_in_order,
    sla::due_times_skip_holidays_and_count_make_up_saturdays,
    calendars::holiday_schedules_import_with_a_dry_run_an_audit_and_their_names,
    calendars::a_faulty_schedule_line_is_refused_with_its_number,
    calendars::simultaneous_imports_into_one_calendar_both_land,
    sla::notifications_tell_people_what_concerns_them,
    public::the_public_form_matches_or_creates_the_customer_and_opens_a_ticket,
    public::the_public_form_is_rate_limited_per_address,
    tasks::tasks_follow_up_customers_and_tickets,
    money::a_dinar_keeps_its_three_decimals_from_order_to_value,
    money::codes_outside_iso_4217_are_refused_wherever_a_currency_is_written,
);
