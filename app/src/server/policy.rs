//! Who may do what: the one place authorisation is decided.
//!
//! Every server function asks here before it reads or writes. Plan-scoped actions depend on how
//! the actor stands to that plan ([`Relation`]); the database works the relation out, this
//! module only decides. A refusal on a plan looks exactly like a plan that does not exist.

use crate::domain::action::ActionSide;
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::error::AppError;

/// How the person acting stands to the plan being touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    Owner,
    /// The named key worker of this plan.
    KeyWorker,
    /// A key worker in the plan's team who is not its named key worker, with the sections the
    /// person shares with the care team: all of them unless they stopped sharing some.
    CareTeam(Shared),
    /// An admin of the plan's team: sets things up, sees no plan content.
    TeamAdmin,
    /// A carer the owner invited, with the sections shared with them now.
    Carer(Shared),
    /// Anyone else.
    Stranger,
}

/// What is shared with one carer: a set of plan sections, and whether any single actions are
/// shared with (or assigned to) them. Which actions those are is data the caller filters by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Shared(u16);

impl Shared {
    pub const NONE: Shared = Shared(0);
    /// The bit after the sections': some single actions.
    const SINGLE_ACTIONS: u16 = 1 << 15;

    pub fn of(sections: impl IntoIterator<Item = Section>) -> Self {
        Self(sections.into_iter().fold(0, |bits, s| bits | Self::bit(s)))
    }

    /// The same, with single actions shared or assigned as well when `some` is true.
    pub fn with_actions(self, some: bool) -> Self {
        if some {
            Self(self.0 | Self::SINGLE_ACTIONS)
        } else {
            self
        }
    }

    fn bit(section: Section) -> u16 {
        1 << Section::ALL.iter().position(|s| *s == section).unwrap_or(15)
    }

    pub fn contains(self, section: Section) -> bool {
        self.0 & Self::bit(section) != 0
    }

    pub fn has_actions(self) -> bool {
        self.0 & Self::SINGLE_ACTIONS != 0
    }
}

impl Relation {
    /// Every kind of relation, with a carer both without and with every section shared.
    pub fn all() -> Vec<Relation> {
        vec![
            Relation::Owner,
            Relation::KeyWorker,
            Relation::CareTeam(Shared::of(Section::ALL)),
            Relation::CareTeam(Shared::of([Section::Crisis, Section::Review])),
            Relation::TeamAdmin,
            Relation::Carer(Shared::NONE),
            Relation::Carer(Shared::NONE.with_actions(true)),
            Relation::Carer(Shared::of(Section::ALL)),
            Relation::Stranger,
        ]
    }
}

/// Something done to one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanAction {
    Read(Section),
    Edit(Section),
    /// Add, change or remove an action on one side of the plan (`Edit(Actions)` lets a party
    /// write actions at all; this says which).
    WriteAction(ActionSide),
    /// Propose a change to a section someone else writes.
    Suggest(Section),
    /// Share sections with a carer, or stop sharing them.
    Share,
    /// Agree the plan as it stands: co-production needs both the person and the key worker.
    Agree,
    RequestReview,
    /// The commissioner's sign-off of the personal health budget, recorded by the key worker.
    SignOffBudget,
    InviteCarer,
    ListCarers,
    /// Self-rate (DIALOG, the wheel, goal progress): the person's own words about their life.
    Rate,
    /// See the ratings and their pictures over time.
    ReadRatings,
    /// A carer sees the single actions shared with or assigned to them...
    ReadSharedActions,
    /// ... and ticks them off (or marks them not needed).
    TickSharedAction,
    /// Make a new set-password link for the plan's owner, who forgot their password or whose
    /// invite ran out: the people who invite service users, who know them by sight.
    NewPasswordLink,
    /// The same for one of the plan's carers: the person who invited them.
    NewCarerPasswordLink,
}

impl PlanAction {
    pub fn all() -> Vec<PlanAction> {
        let mut all: Vec<_> =
            Section::ALL.iter().flat_map(|s| [Self::Read(*s), Self::Edit(*s), Self::Suggest(*s)]).collect();
        all.extend([
            Self::WriteAction(ActionSide::Person),
            Self::WriteAction(ActionSide::Service),
            Self::Agree,
            Self::RequestReview,
            Self::SignOffBudget,
            Self::Share,
            Self::InviteCarer,
            Self::ListCarers,
            Self::Rate,
            Self::ReadRatings,
            Self::ReadSharedActions,
            Self::TickSharedAction,
            Self::NewPasswordLink,
            Self::NewCarerPasswordLink,
        ]);
        all
    }
}

/// Who writes a section (issue "who writes what"): the person writes their own words, the
/// key worker the clinical parts; the actions and the budget are written by both.
fn writers(section: Section) -> &'static [Relation] {
    use Relation::*;
    match section {
        Section::AboutMe | Section::Goals | Section::Crisis => &[Owner],
        Section::Formulation | Section::CareTreatment | Section::CareTeam | Section::Review => &[KeyWorker],
        Section::Actions | Section::Budget => &[Owner, KeyWorker],
    }
}

/// Something done that belongs to no single plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceAction {
    /// Create a service user (and their plan) and get their invite link.
    InviteServiceUser,
    /// Create a key worker in one's team.
    InviteKeyWorker,
    ViewCaseload,
    ViewTeam,
    /// A carer's list of the people who invited them.
    ViewCaredFor,
    /// Everything the service holds about oneself, to take away.
    DownloadOwnData,
    /// Close one's own account, and with it (for a service user) the plan.
    DeleteOwnAccount,
    /// Change one's own password, knowing the current one.
    ChangeOwnPassword,
    /// Choose one's own notifications and the devices they come to.
    ManageNotifications,
    /// Connect the team's record systems to read plans as FHIR, and stop them.
    ManageTrustedSystems,
}

impl ServiceAction {
    pub const ALL: [ServiceAction; 10] = [
        ServiceAction::InviteServiceUser,
        ServiceAction::InviteKeyWorker,
        ServiceAction::ViewCaseload,
        ServiceAction::ViewTeam,
        ServiceAction::ViewCaredFor,
        ServiceAction::DownloadOwnData,
        ServiceAction::DeleteOwnAccount,
        ServiceAction::ChangeOwnPassword,
        ServiceAction::ManageNotifications,
        ServiceAction::ManageTrustedSystems,
    ];
}

/// May someone with `role`, standing in `relation` to a plan, do `action` to it?
pub fn may_on_plan(role: Role, relation: Relation, action: PlanAction) -> bool {
    use PlanAction::*;
    use Relation::*;
    // A relation only counts for the role that can hold it, so a mislabelled account gains nothing.
    let relation_fits_role = matches!(
        (relation, role),
        (Owner, Role::ServiceUser)
            | (KeyWorker, Role::KeyWorker)
            | (CareTeam(_), Role::KeyWorker)
            | (TeamAdmin, Role::TeamAdmin)
            | (Carer(_), Role::Carer)
    );
    if !relation_fits_role {
        return false;
    }
    let co_producer = matches!(relation, Owner | KeyWorker);
    match action {
        // The key worker and the care team see the plan by default (DOMAIN.md), the care team
        // less what the person stopped sharing with it; a carer sees nothing until the person
        // shares a section with them. The named key worker co-produces the plan: they see all.
        Read(section) => match relation {
            Owner | KeyWorker => true,
            CareTeam(shared) | Carer(shared) => shared.contains(section),
            TeamAdmin | Stranger => false,
        },
        Edit(section) => writers(section).contains(&relation),
        WriteAction(ActionSide::Person) => relation == Owner,
        WriteAction(ActionSide::Service) => relation == KeyWorker,
        Suggest(section) => co_producer && !writers(section).contains(&relation),
        Agree => co_producer,
        RequestReview | InviteCarer | NewCarerPasswordLink | Share | Rate => relation == Owner,
        // The clinical team reviews ratings with the person; ratings are not (yet) shareable
        // with carers.
        ReadRatings => matches!(relation, Owner | KeyWorker | CareTeam(_)),
        ReadSharedActions | TickSharedAction => matches!(relation, Carer(shared) if shared.has_actions()),
        SignOffBudget => relation == KeyWorker,
        ListCarers => co_producer,
        NewPasswordLink => matches!(relation, KeyWorker | TeamAdmin),
    }
}

/// What a crisis card's link lets anyone holding it do: read the sections the person chose for
/// it (`shows`), nothing else; single actions are never reached through a link.
pub fn crisis_card_may(shows: Shared, action: PlanAction) -> bool {
    matches!(action, PlanAction::Read(section) if shows.contains(section))
}

/// What a trusted system may do with its token, given what the plan's care team may read
/// (`care_team`: the person's choices apply to it as to the team): read those sections and the
/// ratings, as the care team does; never write.
pub fn trusted_system_may(care_team: Shared, action: PlanAction) -> bool {
    match action {
        PlanAction::Read(section) => care_team.contains(section),
        PlanAction::ReadRatings => true,
        _ => false,
    }
}

/// May someone with `role` do `action`?
pub fn may(role: Role, action: ServiceAction) -> bool {
    use ServiceAction::*;
    match action {
        InviteServiceUser => matches!(role, Role::KeyWorker | Role::TeamAdmin),
        InviteKeyWorker | ViewTeam | ManageTrustedSystems => role == Role::TeamAdmin,
        ViewCaseload => role == Role::KeyWorker,
        ViewCaredFor => role == Role::Carer,
        // A right of everyone whose data is held (UK GDPR, right of access); and everyone
        // who signs in keeps their own password.
        DownloadOwnData | ChangeOwnPassword => true,
        // Staff accounts belong to the team and are closed by its admin.
        DeleteOwnAccount => matches!(role, Role::ServiceUser | Role::Carer),
        // Whoever has something to hear about; a team admin has none.
        ManageNotifications => !crate::domain::notice::Notice::for_role(role).is_empty(),
    }
}

/// [`may_on_plan`] as a result: refusals are `NotFound`, so a guessed plan id tells nothing.
pub fn check_plan(role: Role, relation: Relation, action: PlanAction) -> Result<(), AppError> {
    if may_on_plan(role, relation, action) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// [`may`] as a result.
pub fn check(role: Role, action: ServiceAction) -> Result<(), AppError> {
    if may(role, action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every (role, relation, action) that is allowed, written out from the issue's "who writes
    /// what"; everything else must be refused.
    fn allowed_on_plan() -> HashSet<(Role, Relation, PlanAction)> {
        use PlanAction::*;
        use Relation::{CareTeam, KeyWorker, Owner};
        use Section::{AboutMe, Actions, Budget, CareTreatment, Crisis, Formulation, Goals, Review};
        let owner = Role::ServiceUser;
        let worker = Role::KeyWorker;
        let every = Relation::Carer(Shared::of(Section::ALL));
        let team = CareTeam(Shared::of(Section::ALL));
        let partial_team = CareTeam(Shared::of([Crisis, Review]));
        let mut allowed: HashSet<_> = Section::ALL
            .into_iter()
            .flat_map(|s| {
                [
                    (owner, Owner, Read(s)),
                    (worker, KeyWorker, Read(s)),
                    (worker, team, Read(s)),
                    (Role::Carer, every, Read(s)),
                ]
            })
            .collect();
        for s in [AboutMe, Goals, Crisis, Actions, Budget] {
            allowed.insert((owner, Owner, Edit(s)));
        }
        for s in [Formulation, CareTreatment, Section::CareTeam, Review, Actions, Budget] {
            allowed.insert((worker, KeyWorker, Edit(s)));
        }
        for s in [Formulation, CareTreatment, Section::CareTeam, Review] {
            allowed.insert((owner, Owner, Suggest(s)));
        }
        for s in [AboutMe, Goals, Crisis] {
            allowed.insert((worker, KeyWorker, Suggest(s)));
        }
        allowed.extend([
            (owner, Owner, WriteAction(ActionSide::Person)),
            (worker, KeyWorker, WriteAction(ActionSide::Service)),
            (owner, Owner, Agree),
            (worker, KeyWorker, Agree),
            (owner, Owner, RequestReview),
            (worker, KeyWorker, SignOffBudget),
            (owner, Owner, InviteCarer),
            (owner, Owner, NewCarerPasswordLink),
            (owner, Owner, Share),
            (owner, Owner, ListCarers),
            (worker, KeyWorker, ListCarers),
            (owner, Owner, Rate),
            (owner, Owner, ReadRatings),
            (worker, KeyWorker, ReadRatings),
            (worker, team, ReadRatings),
            (worker, partial_team, ReadRatings),
            (worker, partial_team, Read(Crisis)),
            (worker, partial_team, Read(Review)),
            (Role::Carer, Relation::Carer(Shared::NONE.with_actions(true)), ReadSharedActions),
            (Role::Carer, Relation::Carer(Shared::NONE.with_actions(true)), TickSharedAction),
            (worker, KeyWorker, NewPasswordLink),
            (Role::TeamAdmin, Relation::TeamAdmin, NewPasswordLink),
        ]);
        allowed
    }

    #[test]
    fn the_whole_plan_matrix_of_role_relation_and_action_is_as_specified() {
        let allowed = allowed_on_plan();
        let mut cells = 0;
        for role in Role::ALL {
            for relation in Relation::all() {
                for action in PlanAction::all() {
                    cells += 1;
                    let expected = allowed.contains(&(role, relation, action));
                    assert_eq!(
                        may_on_plan(role, relation, action),
                        expected,
                        "{role:?} as {relation:?} doing {action:?}"
                    );
                }
            }
        }
        assert_eq!(cells, Role::ALL.len() * Relation::all().len() * PlanAction::all().len());
    }

    #[test]
    fn the_whole_service_matrix_of_role_and_action_is_as_specified() {
        use ServiceAction::*;
        let allowed: HashSet<(Role, ServiceAction)> = [
            (Role::KeyWorker, InviteServiceUser),
            (Role::TeamAdmin, InviteServiceUser),
            (Role::TeamAdmin, InviteKeyWorker),
            (Role::TeamAdmin, ViewTeam),
            (Role::TeamAdmin, ManageTrustedSystems),
            (Role::KeyWorker, ViewCaseload),
            (Role::Carer, ViewCaredFor),
        ]
        .into_iter()
        .chain(Role::ALL.map(|role| (role, DownloadOwnData)))
        .chain(Role::ALL.map(|role| (role, ChangeOwnPassword)))
        .chain([(Role::ServiceUser, DeleteOwnAccount), (Role::Carer, DeleteOwnAccount)])
        .chain([Role::ServiceUser, Role::Carer, Role::KeyWorker].map(|role| (role, ManageNotifications)))
        .collect();
        for role in Role::ALL {
            for action in ServiceAction::ALL {
                assert_eq!(may(role, action), allowed.contains(&(role, action)), "{role:?} doing {action:?}");
            }
        }
    }

    #[test]
    fn a_carer_sees_no_section_until_it_is_shared() {
        for section in Section::ALL {
            assert!(!may_on_plan(Role::Carer, Relation::Carer(Shared::NONE), PlanAction::Read(section)));
        }
    }

    #[test]
    fn a_carer_reads_exactly_the_shared_sections_and_writes_nothing() {
        let shared = Shared::of([Section::Crisis, Section::Actions]);
        for section in Section::ALL {
            let carer = Relation::Carer(shared);
            let expected = matches!(section, Section::Crisis | Section::Actions);
            assert_eq!(may_on_plan(Role::Carer, carer, PlanAction::Read(section)), expected, "{section:?}");
            assert!(!may_on_plan(Role::Carer, carer, PlanAction::Edit(section)));
        }
    }

    #[test]
    fn a_carer_ticks_single_actions_only_once_some_are_shared_and_never_edits_them() {
        let with = Relation::Carer(Shared::of([Section::Crisis]).with_actions(true));
        let without = Relation::Carer(Shared::of([Section::Actions]));
        assert!(may_on_plan(Role::Carer, with, PlanAction::TickSharedAction));
        assert!(may_on_plan(Role::Carer, with, PlanAction::ReadSharedActions));
        assert!(!may_on_plan(Role::Carer, without, PlanAction::TickSharedAction));
        for side in [ActionSide::Person, ActionSide::Service] {
            assert!(!may_on_plan(Role::Carer, with, PlanAction::WriteAction(side)));
        }
        assert!(!may_on_plan(Role::Carer, with, PlanAction::Edit(Section::Actions)));
    }

    #[test]
    fn a_crisis_card_reads_the_sections_it_shows_and_nothing_else() {
        let allowed = |shows| PlanAction::all().into_iter().filter(|a| crisis_card_may(shows, *a)).collect::<Vec<_>>();
        assert_eq!(allowed(Shared::of([Section::Crisis])), [PlanAction::Read(Section::Crisis)]);
        let for_gp = Shared::of([Section::AboutMe, Section::Crisis]).with_actions(true);
        assert_eq!(allowed(for_gp), [PlanAction::Read(Section::AboutMe), PlanAction::Read(Section::Crisis)]);
    }

    #[test]
    fn a_trusted_system_reads_what_the_care_team_reads_and_writes_nothing() {
        let team = Shared::of(Section::ALL.into_iter().filter(|s| *s != Section::Budget));
        let allowed: Vec<_> = PlanAction::all().into_iter().filter(|a| trusted_system_may(team, *a)).collect();
        let mut expected: Vec<_> =
            Section::ALL.into_iter().filter(|s| *s != Section::Budget).map(PlanAction::Read).collect();
        expected.push(PlanAction::ReadRatings);
        assert_eq!(allowed, expected);
    }

    #[test]
    fn a_team_admin_sees_no_plan_content() {
        for section in Section::ALL {
            assert!(!may_on_plan(Role::TeamAdmin, Relation::TeamAdmin, PlanAction::Read(section)));
        }
    }
}
