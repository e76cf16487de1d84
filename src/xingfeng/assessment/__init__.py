"""The assessment room: questionnaires, ballots and tallies, survey schemes, scores and
scorecards, rates, rankings, grades, goals and yellow cards.

Imports the rooms below it (organization, calendar) and the ground floor only.
"""

from xingfeng.assessment.cards import (
    CardsAwarded,
    YellowCardRule,
    YellowCards,
)
from xingfeng.assessment.goals import (
    GoalCheck,
    RankGoal,
    RateGoal,
)
from xingfeng.assessment.grades import (
    Band,
    Condition,
    GradeBands,
    GradeDecision,
    GradeRule,
    Grades,
    Grading,
    Miss,
)
from xingfeng.assessment.questionnaire import (
    FIVE_OPTIONS,
    FOUR_OPTIONS,
    THREE_OPTIONS,
    Ballot,
    Questionnaire,
)
from xingfeng.assessment.ranking import (
    Placing,
    QuotaRounding,
    QuotaRule,
    Ranking,
    Shortlist,
    TieAtQuota,
    TieBreak,
    TiePolicy,
    Ties,
    rank,
    rank_within,
)
from xingfeng.assessment.rates import (
    Change,
    Direction,
    Rate,
    RateName,
)
from xingfeng.assessment.scheme import (
    Majority,
    Missing,
    RateBase,
    SurveyScheme,
    Turnout,
)
from xingfeng.assessment.score import (
    Score,
    Step,
)
from xingfeng.assessment.scorecard import (
    Adjustment,
    AdjustmentKind,
    Component,
    Scorecard,
    Veto,
)
from xingfeng.assessment.tally import (
    Tally,
)

__all__ = [
    "FIVE_OPTIONS",
    "FOUR_OPTIONS",
    "THREE_OPTIONS",
    "Adjustment",
    "AdjustmentKind",
    "Ballot",
    "Band",
    "CardsAwarded",
    "Change",
    "Component",
    "Condition",
    "Direction",
    "GoalCheck",
    "GradeBands",
    "GradeDecision",
    "GradeRule",
    "Grades",
    "Grading",
    "Majority",
    "Miss",
    "Missing",
    "Placing",
    "Questionnaire",
    "QuotaRounding",
    "QuotaRule",
    "RankGoal",
    "Ranking",
    "Rate",
    "RateBase",
    "RateGoal",
    "RateName",
    "Score",
    "Scorecard",
    "Shortlist",
    "Step",
    "SurveyScheme",
    "Tally",
    "TieAtQuota",
    "TieBreak",
    "TiePolicy",
    "Ties",
    "Turnout",
    "Veto",
    "YellowCardRule",
    "YellowCards",
    "rank",
    "rank_within",
]
