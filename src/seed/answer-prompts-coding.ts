/**
 * The 코딩 (coding) prompts of the answer-style starter (answer-styles.ts). Written by the Versus
 * team as examples of each style, not the output of any AI model. Each response is checked to be
 * correct as well as typical of its style (answer-styles.test.ts bounds the lengths).
 */
import type { StarterPrompt } from './answer-styles.js';

export const codingPrompts: StarterPrompt[] = [
  {
    prompt: '자바스크립트에서 배열의 중복 값을 없애려면 어떻게 하나요?',
    category: '코딩',
    responses: {
      concise: '`[...new Set(arr)]`를 쓰세요. Set은 같은 값을 한 번만 담기 때문에 순서를 유지한 채 중복이 빠집니다.',
      detailed:
        '가장 간단한 방법은 Set을 거치는 것입니다. Set은 같은 값을 한 번만 저장하는 자료구조라서, 배열을 Set으로 만들었다가 ' +
        '다시 배열로 펼치면 중복이 사라집니다: `const unique = [...new Set(arr)];` 처음 나온 순서도 그대로 유지됩니다.\n\n' +
        '주의할 점은 비교 방식입니다. Set은 값이 같은지를 SameValueZero로 판단하므로 숫자와 문자열은 기대대로 동작하지만, ' +
        '객체는 내용이 같아도 서로 다른 객체면 다른 값으로 봅니다. 예를 들어 id가 같은 사용자 객체를 하나로 합치려면 ' +
        'id를 키로 하는 Map을 만들어 `[...new Map(users.map((u) => [u.id, u])).values()]`처럼 처리해야 합니다. ' +
        '이때는 같은 id 중 마지막 객체가 남는다는 점도 기억해 두세요.',
      list:
        '1. 기본값(숫자·문자열): `[...new Set(arr)]`\n' +
        '2. 같은 방법, 다른 표기: `Array.from(new Set(arr))`\n' +
        '3. 객체를 키로 합치기: `[...new Map(arr.map((o) => [o.id, o])).values()]`\n\n' +
        '참고\n' +
        '- 1·2번은 처음 나온 순서를 유지합니다.\n' +
        '- 객체는 내용이 아니라 참조로 비교되므로 3번처럼 키를 정해야 합니다.\n' +
        '- `filter`와 `indexOf` 조합은 배열이 크면 느립니다(O(n²)).',
      example:
        '예시:\n' +
        '  const tags = ["js", "css", "js", "html", "css"];\n' +
        '  const unique = [...new Set(tags)];\n' +
        '  // ["js", "css", "html"]\n\n' +
        'Set은 같은 값을 한 번만 담으므로, 배열을 Set으로 바꿨다가 다시 펼치면 중복이 빠지고 처음 나온 순서는 남습니다.\n\n' +
        '객체 배열이라면 기준이 되는 키로 Map을 만드세요:\n' +
        '  const byId = new Map(users.map((u) => [u.id, u]));\n' +
        '  const uniqueUsers = [...byId.values()];',
    },
  },
  {
    prompt: 'Git에서 방금 한 커밋의 메시지를 고치고 싶어요.',
    category: '코딩',
    responses: {
      concise: '`git commit --amend -m "새 메시지"`로 고치면 됩니다. 이미 푸시했다면 강제 푸시가 필요하니 공유 브랜치에서는 피하세요.',
      detailed:
        '마지막 커밋은 `git commit --amend`로 다시 만들 수 있습니다. 옵션 없이 실행하면 편집기가 열리고, ' +
        '`git commit --amend -m "새 메시지"`처럼 쓰면 바로 바뀝니다. 스테이징해 둔 변경이 있으면 그것도 함께 들어가니, ' +
        '메시지만 고치려면 먼저 `git status`로 스테이징된 것이 없는지 확인하세요.\n\n' +
        'amend는 커밋을 고치는 것이 아니라 새 커밋으로 바꿔치기하는 것이라 해시가 달라집니다. 아직 푸시하지 않았다면 아무 문제가 ' +
        '없지만, 이미 푸시했다면 `git push --force-with-lease`로 덮어써야 하고, 같은 브랜치를 받은 동료의 기록과 어긋납니다. ' +
        '여럿이 쓰는 브랜치라면 메시지를 고치기보다 그대로 두는 편이 낫습니다. 더 이전 커밋은 `git rebase -i`에서 reword로 고칩니다.',
      list:
        '1. 스테이징된 변경이 없는지 확인: `git status`\n' +
        '2. 메시지 고치기: `git commit --amend -m "새 메시지"`\n' +
        '3. 이미 푸시했다면: `git push --force-with-lease`\n\n' +
        '주의\n' +
        '- amend하면 커밋 해시가 바뀝니다.\n' +
        '- 여럿이 쓰는 브랜치에서는 강제 푸시를 피하세요.\n' +
        '- 더 이전 커밋은 `git rebase -i HEAD~3`에서 reword를 고릅니다.',
      example:
        '예를 들어 오타가 난 커밋이 있다면:\n' +
        '  $ git log --oneline -1\n' +
        '  a1b2c3d 로그인 버그 수졍\n' +
        '  $ git commit --amend -m "로그인 버그 수정"\n' +
        '  $ git log --oneline -1\n' +
        '  e4f5a6b 로그인 버그 수정\n\n' +
        '해시가 a1b2c3d에서 e4f5a6b로 바뀐 것이 보이죠? amend는 커밋을 새로 만들기 때문입니다. 그래서 이미 푸시한 커밋이라면 ' +
        '`git push --force-with-lease`가 필요하고, 여럿이 쓰는 브랜치에서는 하지 않는 편이 좋습니다.',
    },
  },
  {
    prompt: '파이썬에서 리스트와 튜플은 무엇이 다른가요?',
    category: '코딩',
    responses: {
      concise: '리스트는 만든 뒤에도 바꿀 수 있고, 튜플은 바꿀 수 없습니다. 바뀌면 안 되는 묶음이나 딕셔너리 키에는 튜플을 쓰세요.',
      detailed:
        '가장 큰 차이는 변경 가능성입니다. 리스트(`[1, 2]`)는 만든 뒤에도 요소를 추가·삭제·수정할 수 있는 가변 객체이고, ' +
        '튜플(`(1, 2)`)은 한번 만들면 바꿀 수 없는 불변 객체입니다.\n\n' +
        '이 차이에서 쓰임새가 갈립니다. 튜플은 바뀌지 않으므로 (안에 든 값도 모두 불변이라면) 해시할 수 있어 딕셔너리의 키나 ' +
        '집합의 원소가 될 수 있습니다. 좌표 `(x, y)`나 함수가 여러 값을 돌려줄 때처럼 "이 자리에는 이 값"이라는 구조가 정해진 ' +
        '묶음에 잘 어울립니다. 반대로 개수가 늘고 주는 같은 종류의 값 모음, 예컨대 장바구니 상품 목록은 리스트가 자연스럽습니다. ' +
        '튜플이 메모리를 조금 덜 쓰기도 하지만, 보통은 성능보다 의도를 드러내려고 고릅니다.',
      list:
        '리스트 `[1, 2, 3]`\n' +
        '- 가변: 추가·삭제·수정 가능\n' +
        '- 딕셔너리 키로 쓸 수 없음\n' +
        '- 개수가 변하는 같은 종류의 값에 적합\n\n' +
        '튜플 `(1, 2, 3)`\n' +
        '- 불변: 만든 뒤 바꿀 수 없음\n' +
        '- 요소가 모두 불변이면 딕셔너리 키로 사용 가능\n' +
        '- 좌표, 여러 반환값처럼 구조가 정해진 묶음에 적합\n' +
        '- 메모리를 조금 덜 씀',
      example:
        '예시:\n' +
        '  scores = [90, 85]\n' +
        '  scores.append(70)      # 가능: [90, 85, 70]\n\n' +
        '  point = (3, 4)\n' +
        '  point[0] = 5           # TypeError: 튜플은 바꿀 수 없음\n\n' +
        '  distance = {(0, 0): 0, (3, 4): 5}   # 튜플은 딕셔너리 키가 됨\n\n' +
        '이렇게 리스트는 만든 뒤에도 바뀌는 모음이고, 튜플은 바뀌지 않는 묶음입니다. 바뀌지 않기 때문에 튜플은 좌표처럼 ' +
        '딕셔너리의 키로 쓸 수 있습니다.',
    },
  },
  {
    prompt: 'SQL에서 INNER JOIN과 LEFT JOIN의 차이를 알려 주세요.',
    category: '코딩',
    responses: {
      concise: 'INNER JOIN은 양쪽에 짝이 있는 행만, LEFT JOIN은 왼쪽 표의 모든 행을 돌려주고 짝이 없으면 오른쪽 값을 NULL로 채웁니다.',
      detailed:
        '두 JOIN은 짝이 없는 행을 어떻게 다루는지가 다릅니다. INNER JOIN은 조인 조건을 만족하는 짝이 양쪽 표에 모두 있는 행만 ' +
        '결과에 남깁니다. LEFT JOIN(LEFT OUTER JOIN)은 왼쪽 표의 행을 하나도 버리지 않고, 오른쪽에 짝이 없으면 오른쪽 열을 ' +
        'NULL로 채워 돌려줍니다.\n\n' +
        '그래서 "주문한 적이 있는 고객"을 볼 때는 INNER JOIN, "모든 고객과 그들의 주문(없을 수도 있음)"을 볼 때는 LEFT JOIN을 ' +
        '씁니다. LEFT JOIN 뒤에 `WHERE 오른쪽.id IS NULL`을 붙이면 짝이 없는 행, 즉 주문이 한 번도 없는 고객만 찾을 수 있습니다. ' +
        '하나 조심할 점: LEFT JOIN 후 WHERE 절에서 오른쪽 표의 열에 조건을 걸면 NULL 행이 걸러져 INNER JOIN과 같은 결과가 ' +
        '되니, 그런 조건은 ON 절에 두세요.',
      list:
        'INNER JOIN\n' +
        '- 양쪽 표에 모두 짝이 있는 행만 반환\n' +
        '- 예: 주문한 적이 있는 고객\n\n' +
        'LEFT JOIN\n' +
        '- 왼쪽 표의 모든 행을 반환\n' +
        '- 짝이 없으면 오른쪽 열은 NULL\n' +
        '- 예: 모든 고객과 (있다면) 그 주문\n\n' +
        '팁\n' +
        '- 짝 없는 행 찾기: LEFT JOIN … WHERE 오른쪽.id IS NULL\n' +
        '- 오른쪽 표 조건은 WHERE가 아니라 ON에',
      example:
        '고객 표에 철수·영희·민수가 있고, 주문 표에는 철수의 주문 2건과 영희의 주문 1건이 있다고 해 봅시다.\n\n' +
        '  SELECT c.name, o.id FROM customers c\n' +
        '  INNER JOIN orders o ON o.customer_id = c.id;\n' +
        '  → 철수 101, 철수 102, 영희 103\n\n' +
        '  … LEFT JOIN orders o ON o.customer_id = c.id;\n' +
        '  → 철수 101, 철수 102, 영희 103, 민수 NULL\n\n' +
        '주문이 없는 민수는 INNER JOIN에서는 빠지고, LEFT JOIN에서는 주문 열이 NULL인 채로 남습니다. 이것이 두 JOIN의 차이입니다.',
    },
  },
];
