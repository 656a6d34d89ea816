/**
 * The 16 models of the "Open vs Closed AI 2024" starter world cup. Captions name the maker and the
 * public release month, plus one conservative descriptive fact; benchmark numbers are left out on
 * purpose because they are disputed and change with every re-evaluation.
 */

export type AiGroup = 'open' | 'closed';

export interface AiModelEntry {
  name: string;
  group: AiGroup;
  caption: string;
}

export const AI_GROUPS: readonly AiGroup[] = ['open', 'closed'];

export const aiModels: AiModelEntry[] = [
  {
    name: 'Llama 3.1 405B',
    group: 'open',
    caption: 'Meta · July 2024 · 405B-parameter dense open-weights model',
  },
  {
    name: 'Llama 3.1 70B',
    group: 'open',
    caption: 'Meta · July 2024 · 70B-parameter open-weights model with a 128K-token context window',
  },
  {
    name: 'EXAONE 3.0 7.8B',
    group: 'open',
    caption: 'LG AI Research · August 2024 · bilingual Korean–English model, weights released for research use',
  },
  {
    name: 'Mistral Large 2',
    group: 'open',
    caption: 'Mistral AI · July 2024 · 123B-parameter model, weights released under a research licence',
  },
  {
    name: 'Mixtral 8x22B',
    group: 'open',
    caption: 'Mistral AI · April 2024 · sparse mixture-of-experts model released under Apache 2.0',
  },
  {
    name: 'Qwen2 72B',
    group: 'open',
    caption: 'Alibaba · June 2024 · 72B-parameter multilingual open-weights model from the Qwen team',
  },
  {
    name: 'Gemma 2 27B',
    group: 'open',
    caption: 'Google · June 2024 · 27B-parameter open-weights model of the Gemma family',
  },
  {
    name: 'DeepSeek-V2.5',
    group: 'open',
    caption: 'DeepSeek · September 2024 · mixture-of-experts model merging DeepSeek-V2 Chat and Coder',
  },
  {
    name: 'GPT-4o',
    group: 'closed',
    caption: 'OpenAI · May 2024 · multimodal flagship model handling text, images and audio',
  },
  {
    name: 'GPT-4o mini',
    group: 'closed',
    caption: 'OpenAI · July 2024 · small, low-cost version of GPT-4o',
  },
  {
    name: 'o1-preview',
    group: 'closed',
    caption: 'OpenAI · September 2024 · reasoning model that works through problems before answering',
  },
  {
    name: 'Claude 3.5 Sonnet',
    group: 'closed',
    caption: 'Anthropic · June 2024 · mid-sized model and first release of the Claude 3.5 family',
  },
  {
    name: 'Claude 3 Opus',
    group: 'closed',
    caption: 'Anthropic · March 2024 · largest model of the Claude 3 family',
  },
  {
    name: 'Gemini 1.5 Pro',
    group: 'closed',
    caption: 'Google · February 2024 · multimodal mixture-of-experts model with a very long context window',
  },
  {
    name: 'Gemini 1.5 Flash',
    group: 'closed',
    caption: 'Google · May 2024 · lighter, faster sibling of Gemini 1.5 Pro',
  },
  {
    name: 'Grok-2',
    group: 'closed',
    caption: 'xAI · August 2024 · second-generation Grok model, launched to X subscribers',
  },
];
