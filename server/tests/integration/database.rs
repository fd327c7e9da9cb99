//! The repository contract, the same on SQLite and PostgreSQL.

use super::support::{spawn_app, DEMO_PASSWORD};
use app::domain::role::Role;
use app::server::auth::{new_token, now};
use app::server::db::{DbError, InviteFor, NewInvite};

fn staff<'a>(email: &'a str, token_hash: &'a str, team_id: i64) -> NewInvite<'a> {
    NewInvite {
        role: Role::KeyWorker,
        display_name: "Casey",
        email,
        team_id: Some(team_id),
        created_by: None,
        token_hash,
        expires_at: now() + 60,
        now: now(),
        links: InviteFor::Staff,
    }
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_and_leaves_nothing_behind() {
    let app = spawn_app().await;
    assert_eq!(app.db.backend(), super::support::backend(), "the database the run asked for");
    let team = app.db.create_team("Other team", now()).await.unwrap();
    let before = app.db.count_accounts().await.unwrap();
    let (_, hash) = new_token();
    let again = app.db.create_invited_account(staff("sam@example.org", &hash, team)).await;
    assert!(matches!(again, Err(DbError::Conflict)));
    assert_eq!(app.db.count_accounts().await.unwrap(), before);
    app.stop().await;
}

#[tokio::test]
async fn an_invite_can_be_accepted_only_once() {
    let app = spawn_app().await;
    let team = app.db.create_team("Other team", now()).await.unwrap();
    let (token, hash) = new_token();
    app.db.create_invited_account(staff("casey@example.org", &hash, team)).await.unwrap();
    let invite = app.db.invite(&app::server::auth::token_hash(&token)).await.unwrap().unwrap();
    assert_eq!(invite.display_name, "Casey");
    app.db.accept_invite(&invite, "hash-1", now()).await.unwrap();
    assert!(matches!(app.db.accept_invite(&invite, "hash-2", now()).await, Err(DbError::Conflict)));
    let account = app.db.account(invite.account_id).await.unwrap().unwrap();
    assert_eq!(account.password_hash.as_deref(), Some("hash-1"));
    app.stop().await;
}

#[tokio::test]
async fn a_session_is_read_with_the_plan_asked_about_as_the_plan_alone_reads() {
    let app = spawn_app().await;
    let jordan = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    let plan = app.sam_plan().await;
    let (_, session_hash) = new_token();
    app.db.create_session(&session_hash, jordan.id, now()).await.unwrap();
    let (session, none) = app.db.session(&session_hash, None).await.unwrap().unwrap();
    assert_eq!((session.account.id, none.is_none()), (jordan.id, true));
    // The plan's owner, not the session's account, is who the parties name.
    let (session, parties) = app.db.session(&session_hash, Some(plan)).await.unwrap().unwrap();
    let (parties, alone) = (parties.unwrap(), app.db.plan_parties(plan).await.unwrap().unwrap());
    assert_eq!(session.account.display_name, "Jordan Lee");
    assert_eq!(
        (parties.plan_id, parties.owner_id, parties.owner_name.as_str(), parties.key_worker_id, parties.team_id),
        (alone.plan_id, alone.owner_id, alone.owner_name.as_str(), alone.key_worker_id, alone.team_id)
    );
    assert_eq!(
        (parties.owner_name.as_str(), parties.key_worker_id, parties.key_worker_name.as_deref()),
        ("Sam Taylor", Some(jordan.id), Some("Jordan Lee"))
    );
    assert_eq!(parties.key_worker_name, alone.key_worker_name);
    let (_, missing) = app.db.session(&session_hash, Some(plan + 1000)).await.unwrap().unwrap();
    assert!(missing.is_none(), "no such plan: the session still reads");
    let (_, unknown) = new_token();
    assert!(app.db.session(&unknown, Some(plan)).await.unwrap().is_none(), "no such session: nothing at all");
    app.stop().await;
}

#[tokio::test]
async fn deleting_an_account_removes_its_plan_and_sessions() {
    let app = spawn_app().await;
    let sam = app.db.account_by_email("sam@example.org").await.unwrap().unwrap();
    let plan = app.sam_plan().await;
    let (_, session_hash) = new_token();
    app.db.create_session(&session_hash, sam.id, now()).await.unwrap();
    app.db.delete_account(sam.id).await.unwrap();
    assert!(app.db.session(&session_hash, None).await.unwrap().is_none());
    assert!(app.db.plan_parties(plan).await.unwrap().is_none());
    assert!(matches!(app.db.about_me(plan).await, Err(DbError::NotFound)));
    assert!(matches!(app.db.delete_account(sam.id).await, Err(DbError::NotFound)));
    app.stop().await;
}

#[tokio::test]
async fn people_lists_show_who_is_where() {
    let app = spawn_app().await;
    let key_worker = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    let caseload = app.db.caseload(key_worker.id, app::domain::date::Day::of(app::server::auth::now())).await.unwrap();
    assert_eq!(caseload.iter().map(|p| p.display_name.as_str()).collect::<Vec<_>>(), ["Sam Taylor"]);
    assert!(caseload[0].activated);
    let team = app.db.team_members(key_worker.team_id.unwrap()).await.unwrap();
    assert_eq!(team.len(), 3, "admin, key worker and Sam; the carer is in no team");
    let carers = app.db.carers_of(app.sam_plan().await).await.unwrap();
    assert_eq!((carers[0].display_name.as_str(), carers[0].detail.as_str()), ("Alex Taylor", "Brother"));
    let alex = app.db.account_by_email("alex@example.org").await.unwrap().unwrap();
    assert_eq!(app.db.cared_for(alex.id).await.unwrap()[0].display_name, "Sam Taylor");
    app.stop().await;
}

/// Writes that count before they insert, all at once on one plan (a person, their carer and
/// the push sender writing together): every one is stored, none fails on a lock.
#[tokio::test]
async fn writes_that_read_first_all_succeed_when_they_arrive_together() {
    use app::domain::action::{ActionPlan, Assignee, ACTIONS_MAX};
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let sam = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let before = app.db.actions(plan_id).await.unwrap().len();
    let mut writes = tokio::task::JoinSet::new();
    for n in 0..24 {
        let db = app.db.clone();
        writes.spawn(async move {
            let action = ActionPlan { what: format!("Walk {n}"), who: Assignee::Me, due: None };
            db.add_action(plan_id, &action, ACTIONS_MAX, sam, now()).await
        });
    }
    let failed: Vec<_> = writes.join_all().await.into_iter().filter_map(Result::err).collect();
    assert!(failed.is_empty(), "{} of 24 failed: {failed:?}", failed.len());
    assert_eq!(app.db.actions(plan_id).await.unwrap().len(), before + 24);
    app.stop().await;
}

/// The pool pings only a connection that has been idle for a second, not one before every
/// query: one the database server ended while it lay idle is still found dead and replaced,
/// and no request fails.
#[tokio::test]
async fn connections_the_database_server_ended_are_replaced_without_a_failed_request() {
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let plan = app.sam_plan().await.to_string();
    let reads = |n: usize| {
        let mut reads = tokio::task::JoinSet::new();
        for _ in 0..n {
            let read = sam.post(app.url("/api/plan")).form(&[("plan_id", plan.as_str())]).send();
            reads.spawn(async move { read.await.unwrap().status() });
        }
        reads.join_all()
    };
    // Several connections open at once, then left idle in the pool.
    assert!(reads(8).await.iter().all(|s| s.is_success()));
    if app.end_database_connections().await {
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let statuses = reads(8).await;
        assert!(statuses.iter().all(|s| s.is_success()), "{statuses:?}");
    }
    app.stop().await;
}
