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

  'about.rank.h': '순위와 공동 순위',
  'about.rank.p1':
    '순위 = 1 + (구간 전체가 내 구간보다 위에 있는 후보의 수)예요. 확실히 앞서는 후보만 센다는 뜻이에요. 구간이 겹치는 후보끼리는 같은 순위가 될 수 있어서 공동 순위가 흔해요. 점수는 조금 달라도 순위가 같다면 이 때문이에요.',
  'about.rank.p2': '순위 추이는 투표가 있을 때 한 시간에 한 번 남기는 기록으로 그려요. 선이 위에 있을수록 높은 순위예요.',

  'about.prov.h': '잠정',
  'about.prov.p': '경기 수가 {n}회 미만인 후보에는 “잠정” 표시를 붙여요. 점수가 아직 크게 움직일 수 있다는 뜻이에요.',

  'about.camps.h': '진영 대결',
  'about.camps.p1':
    '후보에 그룹(예: 오픈소스, 폐쇄형)이 있으면 그룹마다 진영으로 묶어 비교해요. 진영의 점수는 그 진영에서 가장 점수가 높은 후보의 점수예요. 평균 점수와, 다른 진영 후보를 상대로 한 전적도 함께 보여 줘요.',
  'about.camps.p2':
    '두 진영 최고 후보의 95% 구간이 겹치지 않을 때만 “앞서는 중”이라고 말해요. 겹치면 “아직 우열을 가리기 어려워요”라고 해요. 격차가 줄어드는지 벌어지는지는 지금 격차를 약 하루 전 격차와 비교한 거예요.',

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

  'about.rank.h': 'Rank, and shared ranks',
  'about.rank.p1':
    'Rank = 1 + the number of candidates whose whole interval lies above yours. Only candidates that are clearly ahead count, so candidates whose intervals overlap can share a rank, and shared ranks are common. That is why two candidates with different scores can have the same rank.',
  'about.rank.p2': 'The rank trend is drawn from snapshots kept once an hour while people vote; higher on the line means a better rank.',

  'about.prov.h': 'Provisional',
  'about.prov.p': 'Candidates with fewer than {n} matches carry a “provisional” badge: their score can still move a lot.',

  'about.camps.h': 'Camps',
  'about.camps.p1':
    'When candidates have a group (say, open and closed), each group is a camp. A camp’s score is the score of its best candidate; we also show its mean score and its record against candidates of other camps.',
  'about.camps.p2':
    'We say a camp “leads” only when the 95% intervals of the two camps’ best candidates do not overlap; otherwise we call it too close to call. “Narrowing” or “widening” compares the gap now with the gap about a day ago.',

  'about.limits.h': 'What it does not tell you',
  'about.limits.p':
    'The ranking sums up the choices of the people who played this world cup. It is not an objective verdict on the candidates: it depends on who plays, and one person can play many times.',
};
