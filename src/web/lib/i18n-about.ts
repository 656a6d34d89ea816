/**
 * The "How the ranking works" page, in Korean and English (merged into the main table by i18n.ts).
 * Keep it honest and in step with README "Statistics" and src/domain/rating.
 */
export const aboutKo = {
  'about.docTitle': '순위는 어떻게 매기나요?',
  'about.title': '순위는 이렇게 매겨요',
  'about.lead': '랭킹 표의 숫자가 무엇을 뜻하는지, 그리고 어디까지 믿을 수 있는지 설명해요.',
  'about.back': '← 랭킹으로 돌아가기',
  'about.toc': '목차',

  'about.votes.h': '선택 한 번이 대결 한 번',
  'about.votes.p':
    '게임에서 둘 중 하나를 고를 때마다 “고른 후보가 다른 후보를 이겼다”는 기록이 하나 남아요. 게임을 끝까지 하지 않아도 고른 만큼은 바로 반영돼요. 되돌리기로 취소한 선택은 더 이상 세지 않아요.',

  'about.fair.h': '제외된 표',
  'about.fair.p':
    '사람이 두 후보를 보고 고르기 어려울 만큼 빠르게 선택이 이어진 게임, 그리고 한 월드컵에서 한 브라우저나 한 네트워크 주소로 한 시간에 너무 많이 시작된 게임은 부정 의심으로 보고 그 게임의 표를 세지 않아요. 게임은 끝까지 그대로 할 수 있지만 그 선택은 이 페이지의 어떤 숫자에도 들어가지 않고, 제외된 표의 수는 랭킹에 따로 보여 줘요.',

  'about.rates.h': '우승 비율과 승률',
  'about.rates.p1':
    '우승 비율은 우승 횟수 ÷ 출전 횟수예요. 출전은 그 후보가 대진에 들어 있던 완료된 게임의 수예요. 승률은 (승 + 무승부 ÷ 2) ÷ 경기 수예요.',
  'about.rates.p2':
    '둘 다 읽기 쉽지만, 토너먼트에서는 쉽게 속여요. 누구를 만나느냐는 대진 운이라서, 첫 경기에서 가장 센 후보를 만난 후보는 실력과 상관없이 승률이 낮아지고, 약한 상대만 만난 후보는 실제보다 좋아 보여요. 또 이긴 후보만 다음 경기를 하니, 경기 수가 적은 후보는 1승 0패(100%) 같은 극단적인 숫자가 나오기 쉬워요.',

  'about.bt.h': '점수: 브래들리–테리 모형',
  'about.bt.p1':
    '점수는 “누구를” 이겼는지까지 따져요. 지금까지의 모든 대결 기록을 가장 잘 설명하는 점수를 후보마다 하나씩 찾는 방식이라, 강한 상대를 이기면 많이 오르고 약한 상대에게 지면 많이 내려가요. 이것을 브래들리–테리 모형이라고 하고, 체스의 Elo와 같은 척도를 써요. 무승부는 양쪽에 반 승씩 쳐요.',
  'about.bt.p2': '평균은 1000점이에요. 점수 차이가 클수록 앞선 후보가 이길 확률이 높다고 봐요.',
  'about.bt.tableCaption': '점수 차이와 예상 승률',
  'about.bt.gap': '점수 차이',
  'about.bt.chance': '앞선 후보의 예상 승률',
  'about.bt.odds': '400점 차이는 약 10 대 1의 승산이에요.',
  'about.bt.p3':
    '한 번도 지지 않은 후보는 계산상 점수가 끝없이 올라가고, 한 번도 대결하지 않은 후보는 점수를 정할 수 없어요. 그래서 모든 점수를 1000점 쪽으로 살짝 당기는 작은 벌점을 둬요. 기록이 많으면 거의 영향이 없고, 기록이 적을 때 점수를 조심스럽게 만들어요. 대결 기록이 없는 후보는 1000점 근처에 머물러요.',

  'about.ci.h': '95% 구간',
  'about.ci.p1':
    '점수는 지금까지의 투표로 추정한 값이라 오차가 있어요. 오차를 재려고, 투표 기록을 무작위로 다시 뽑아 만든 가상의 기록으로 점수를 200번 다시 계산해요(부트스트랩). 그 200개 점수 가운데 95%가 들어가는 범위가 구간이에요.',
  'about.ci.p2': '랭킹 표에서 막대가 이 구간이고, 세로 눈금이 점수예요. 막대가 넓으면 아직 잘 모른다는 뜻이고, 투표가 쌓일수록 좁아져요.',
  'about.ci.example': '예시: 점수 1080, 95% 구간 1010–1150',

  'about.rank.h': '순위와 가능한 순위 범위',
  'about.rank.p1':
    '순위는 순위가 매겨진 후보들의 점수 순서예요. 표를 따라 1, 2, 3… 하나씩 커지고, 같은 순위는 없어요. 순위를 받지 못한 잠정 후보(아래)는 세지 않아요.',
  'about.rank.p2':
    '점수에는 오차가 있어서, 95% 구간이 겹치는 후보끼리는 실제 순서가 바뀔 수 있어요. 그래서 구간이 허락하는 순위의 범위를 함께 적어요. 가장 높으면 1 + (구간 전체가 내 구간보다 위에 있는 후보 수)위, 가장 낮으면 (순위가 매겨진 후보 수 − 구간 전체가 내 구간보다 아래에 있는 후보 수)위예요. 범위가 한 자리보다 넓을 때만 “2–5위 가능”처럼 보여 줘요.',
  'about.rank.p3':
    '최고 가능 순위 추이는 그 범위의 위쪽 끝(1 + 확실히 앞선 후보 수)을 그린 선이에요. 투표가 있을 때 한 시간에 한 번 남기는 기록으로 그리고, 선이 위에 있을수록 높은 순위예요.',
  'about.rank.example': '예시: 3위, 구간으로 보면 2위에서 5위까지 가능',

  'about.prov.h': '잠정 순위',
  'about.prov.p':
    '경기 수가 {n}회 미만이거나, 95% 구간의 폭이 {w}점보다 넓거나, 아직 한 번도 대결하지 않은 후보는 순위를 매기지 않아요. 표 아래 “잠정” 칸에 번호 없이 따로 두고 전적과 점수 막대만 보여 줘요. 데이터가 쌓이면 위 칸으로 올라가 순위를 받아요.',

  'about.camps.h': '진영 대결',
  'about.camps.p1':
    '후보에 그룹(예: 오픈소스, 폐쇄형)이 있으면 그룹마다 진영으로 묶어요. 진영은 최고 후보 한 명이 아니라 진영 전체로 비교해요. 진영마다 대결 기록이 있는 후보들의 평균 점수를 내고, 후보의 구간을 만든 것과 같은 200번의 부트스트랩에서 평균 점수와 두 진영의 평균 점수 차의 95% 구간을 구해요. 진영이 셋 이상이면 진영마다 나머지 진영 전체와 비교해요.',
  'about.camps.p2':
    '“앞서요”는 평균 점수 차의 95% 구간이 0을 포함하지 않을 때만 말해요. 0이 구간 안에 있으면 “아직 우열을 가리기 어려워요”라고 하고, 구간의 폭은 투표 수의 제곱근에 반비례해 줄어드니, 지금 격차가 그대로라면 표가 약 몇 개 더 모여야 판가름 날지 어림해 알려 줘요. 격차가 1점도 안 되면 어림하지 않고 아직 차이가 없다고만 해요.',
  'about.camps.p3':
    '격차가 줄어드는지 벌어지는지는 지금 격차를 표가 지금의 절반이었을 때의 격차와 비교해요. 그 변화가 우연히 생길 만한 크기(잡음)를 넘을 때만 “줄고 있어요” 또는 “벌어지고 있어요”라고 하고, 아니면 “그대로예요”라고 해요. 진영 간 대결 전적(다른 진영 후보와의 경기만)과 그 승률의 95% 구간(윌슨 구간)도 보여 주고, 각 진영 최고 후보끼리의 비교는 참고로 덧붙여요.',

  'about.limits.h': '이 순위가 말해 주지 않는 것',
  'about.limits.p':
    '이 순위는 이 월드컵을 플레이한 사람들의 선택을 요약할 뿐, 후보의 객관적인 우열을 뜻하지 않아요. 누가 플레이하느냐에 따라 결과가 달라지고, 한 사람이 여러 번 플레이할 수도 있어요.',
};

export type AboutMessageKey = keyof typeof aboutKo;

export const aboutEn: Record<AboutMessageKey, string> = {
  'about.docTitle': 'How the ranking works',
  'about.title': 'How the ranking works',
  'about.lead': 'What the numbers in the ranking table mean, and how far you can trust them.',
  'about.back': '← Back to the ranking',
  'about.toc': 'Contents',

  'about.votes.h': 'Every pick is a match',
  'about.votes.p':
    'Each time you pick one of two candidates in a game, we record one match: the one you picked beat the other. It counts at once, even if you never finish the game. A pick you undo stops counting.',

  'about.fair.h': 'Excluded votes',
  'about.fair.p':
    'Some games do not count: games whose picks come faster than a person can look at two candidates, and games beyond a limit started on one world cup within an hour from one browser or network address. Such a game still plays to the end, but its picks are left out of every number here, and the ranking says how many votes were excluded.',

  'about.rates.h': 'Championship rate and win rate',
  'about.rates.p1':
    'Championship rate is championships ÷ appearances, where an appearance is a finished game whose bracket included the candidate. Win rate is (wins + ties ÷ 2) ÷ matches.',
  'about.rates.p2':
    'Both are easy to read, and both mislead in a bracket. Who you meet is the luck of the draw: a candidate that meets the strongest one in its first match gets a low win rate however good it is, and one that only met weak opponents looks better than it is. And since only winners play on, a candidate with few matches easily shows extreme numbers such as 1–0, or 100%.',

  'about.bt.h': 'The score: Bradley–Terry',
  'about.bt.p1':
    'The score also looks at whom a candidate beat. We look for the one score per candidate that best explains every match on record, so beating a strong opponent lifts a score more than beating a weak one, and losing to a weak one costs more. This is the Bradley–Terry model, on the same scale as chess Elo. A tie counts as half a win for each side.',
  'about.bt.p2': 'The average is 1000. The bigger the gap, the likelier the higher candidate is to win:',
  'about.bt.tableCaption': 'Score gap and predicted chance',
  'about.bt.gap': 'Score gap',
  'about.bt.chance': 'Chance the higher one wins',
  'about.bt.odds': 'A 400-point gap is odds of about 10 to 1.',
  'about.bt.p3':
    'An unbeaten candidate’s score would otherwise run off to infinity, and a candidate that has never played would have no score at all. So a small penalty pulls every score gently toward 1000. With plenty of matches it barely matters; with few, it keeps scores modest. A candidate with no matches stays near 1000.',

  'about.ci.h': 'The 95% interval',
  'about.ci.p1':
    'A score is an estimate from the votes so far, so it comes with an error. To measure it, we resample the votes at random and refit the scores, 200 times (a bootstrap). The interval is the range that holds the middle 95% of those 200 scores.',
  'about.ci.p2': 'In the ranking table the bar is the interval and the tick is the score. A wide bar means we do not know much yet; it narrows as votes come in.',
  'about.ci.example': 'Example: score 1080, 95% interval 1010–1150',

  'about.rank.h': 'Place, and the range of places',
  'about.rank.p1':
    'A place is the order of the scores among the ranked candidates: 1, 2, 3 … down the table, one each, never shared. Provisional candidates (below) are not counted.',
  'about.rank.p2':
    'Scores come with an error, so candidates whose 95% intervals overlap could really be in another order. That is why we add the range of places the intervals allow: at best 1 + the number of candidates whose whole interval lies above yours, at worst the number of ranked candidates minus those whose whole interval lies below yours. We show it, as in “could be 2nd–5th”, only when it spans more than one place.',
  'about.rank.p3':
    'The best-possible-place trend draws the top of that range (1 + the candidates clearly ahead) from snapshots kept once an hour while people vote; higher on the line means a better place.',
  'about.rank.example': 'Example: 3rd place, and given the intervals it could be anywhere from 2nd to 5th',

  'about.prov.h': 'Provisional',
  'about.prov.p':
    'A candidate with fewer than {n} matches, or a 95% interval wider than {w} points, or no match at all, gets no place yet. It sits apart in the “provisional” section below the table, unnumbered, with its record and score bar only. Once it has enough data it moves up and gets a place.',

  'about.camps.h': 'Camps',
  'about.camps.p1':
    'When candidates have a group (say, open and closed), each group is a camp, and camps are compared as whole camps, not by their best candidate: each camp’s mean score over its compared candidates, with 95% intervals for the means and for the gap between them from the same 200 bootstrap refits that give the candidates’ intervals. With three or more camps, each camp is compared with all the others together.',
  'about.camps.p2':
    'We say a camp “leads” only when the 95% interval of the mean gap excludes 0. While it includes 0 we call it too close to call, and since an interval narrows with the square root of the votes, we estimate about how many more votes would settle a gap of this size. Under one point, we make no estimate and just say the camps are level so far.',
  'about.camps.p3':
    'Whether the gap is narrowing or widening compares the gap now with the gap when there were half as many votes. Only a change beyond what chance alone would produce (its noise) is called narrowing or widening; anything less is steady. We also show the record between camps (matches against other camps only) with a 95% (Wilson) interval for its win rate, and, as a side note, the comparison of the camps’ best candidates.',

  'about.limits.h': 'What it does not tell you',
  'about.limits.p':
    'The ranking sums up the choices of the people who played this world cup. It is not an objective verdict on the candidates: it depends on who plays, and one person can play many times.',
};
