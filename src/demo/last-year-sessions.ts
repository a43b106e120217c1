import type { PitchFormat } from '../pitches/pitches.table.ts';

type DemoOutput =
  | { kind: 'notes'; title: string; body: string }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'action'; title: string; body: string; owner: string };

export interface LastYearSession {
  title: string;
  format: PitchFormat;
  topic: 'data' | 'digital' | 'design' | 'democracy' | 'people';
  outputs: DemoOutput[];
}

/**
 * Last year's board as it was run, with what each session left behind: notes as someone typed
 * them on the day, the slides and documents shared, and the actions people took away. Three
 * sessions left nothing, as some always do.
 */
export const lastYearSessions: LastYearSession[] = [
  {
    title: 'Chatbots on council websites: worth it?',
    format: 'discussion',
    topic: 'digital',
    outputs: [
      { kind: 'notes', title: 'What the room said about chatbots', body: 'About 30 people, 12 councils. Three have a chatbot live; two switched theirs off.\n\n- Most questions are about bins and council tax: a good search does as well.\n- Staff time went into writing answers, not into the bot.\n- Measure calls avoided, not conversations started.\n\nOne council shared their evaluation: https://docs.example.org/chatbot-evaluation' },
      { kind: 'action', title: 'Share chatbot evaluation templates', body: 'Put the three councils’ evaluation questions in one shared document so others can compare like with like.', owner: 'Priya' },
    ],
  },
  {
    title: 'Running a digital team of one',
    format: 'discussion',
    topic: 'people',
    outputs: [
      { kind: 'notes', title: 'Survival tips from teams of one', body: 'Say no in writing, with a reason. Find your allies in customer services: they know what is broken. Join the LocalGov Digital Slack and ask early. Keep a list of what you stopped doing, and show it to your director.' },
      { kind: 'action', title: 'Start a monthly call for digital teams of one', body: 'First call in June; an hour, no slides.', owner: 'Gareth' },
    ],
  },
  {
    title: 'Open standards for planning data',
    format: 'show-and-tell',
    topic: 'data',
    outputs: [
      { kind: 'link', title: 'Slides: planning data the standard way', url: 'https://slides.example.org/planning-data-standards' },
      { kind: 'notes', title: 'Questions from the floor', body: 'How do we publish historic applications? Start with new ones and backfill when a system is replaced. Who maintains the standard? A working group of councils, meeting every two months.' },
      { kind: 'action', title: 'Publish our conservation areas as open data', body: 'In the standard format, by the autumn.', owner: 'Leah' },
    ],
  },
  {
    title: 'Co-designing services with residents on low incomes',
    format: 'workshop',
    topic: 'design',
    outputs: [
      { kind: 'notes', title: 'Workshop notes: paying people for their time', body: 'Pay people for research, in cash or vouchers they choose. Meet where they already are: food banks, libraries, family hubs. Share what changed because of them, every time.' },
      { kind: 'link', title: 'Recording of the workshop’s opening talk', url: 'https://video.example.org/co-design-low-income' },
    ],
  },
  {
    title: 'Citizens’ assemblies: lessons from three councils',
    format: 'discussion',
    topic: 'democracy',
    outputs: [
      { kind: 'notes', title: 'What made assemblies work', body: 'A clear question the council will act on. Random selection with a top-up for seldom-heard groups. An independent facilitator. A public response within three months, even when the answer is no.' },
      { kind: 'action', title: 'Write up the three assemblies side by side', body: 'Costs, numbers, recommendations, what was adopted.', owner: 'Aisha' },
      { kind: 'link', title: 'One assembly’s final report', url: 'https://www.example.gov.uk/climate-assembly-report' },
    ],
  },
  {
    title: 'Moving off a legacy housing system',
    format: 'discussion',
    topic: 'digital',
    outputs: [
      { kind: 'notes', title: 'Notes: leaving the housing system', body: 'Contract exit clauses matter more than features: check data export rights before you sign. Run both systems side by side for a month. Clean the data before you move it, not after.' },
    ],
  },
  {
    title: 'Flood maps residents can actually read',
    format: 'show-and-tell',
    topic: 'data',
    outputs: [
      { kind: 'link', title: 'Demo: the street-level flood map', url: 'https://maps.example.org/flood-risk-demo' },
      { kind: 'action', title: 'Test the flood map with residents of two streets', body: 'Before the winter; report back at next year’s camp.', owner: 'Tom' },
    ],
  },
  {
    title: 'Wellbeing in frontline teams',
    format: 'discussion',
    topic: 'people',
    outputs: [
      { kind: 'notes', title: 'What helps frontline staff', body: 'Debriefs after hard calls, not just targets. Managers who have done the job. Quiet rooms that are really quiet. Mental health first aiders who are given the time to do it.' },
    ],
  },
  {
    title: 'Paper prototyping a council tax form',
    format: 'makers',
    topic: 'design',
    outputs: [
      { kind: 'notes', title: 'What we changed on paper', body: 'Asked one thing a page. Moved the reference number to where people look for it. Replaced “liable party” with “who pays”. Five people tried it; four finished without help.' },
      { kind: 'link', title: 'Photos of the paper prototypes', url: 'https://photos.example.org/council-tax-prototype' },
    ],
  },
  {
    title: 'Councillors using social media well',
    format: 'discussion',
    topic: 'democracy',
    outputs: [],
  },
  {
    title: 'Rural broadband and digital inclusion',
    format: 'discussion',
    topic: 'people',
    outputs: [
      { kind: 'notes', title: 'Notes: connecting villages', body: 'Village halls as digital hubs worked where a volunteer was paid a little. Device lending needs data, not just devices. Ask the bus company: some routes have Wi-Fi.' },
      { kind: 'action', title: 'Map which village halls have Wi-Fi', body: 'Start with our district; share the spreadsheet openly.', owner: 'Owen' },
    ],
  },
  {
    title: 'Making sense of procurement frameworks',
    format: 'discussion',
    topic: 'digital',
    outputs: [
      { kind: 'link', title: 'A plain-English summary of the frameworks', url: 'https://docs.example.org/frameworks-plain-english' },
    ],
  },
  {
    title: 'Data protection without the fear',
    format: 'discussion',
    topic: 'data',
    outputs: [
      { kind: 'notes', title: 'Myths we busted', body: 'You can share data to keep someone safe. Consent is not always the right lawful basis. A data protection impact assessment is a design tool, not paperwork at the end.' },
      { kind: 'action', title: 'Ask our information governance team to the next show and tell', body: '', owner: 'Fatima' },
    ],
  },
  {
    title: 'Hack the high street: empty shops data',
    format: 'makers',
    topic: 'data',
    outputs: [],
  },
  {
    title: 'Writing job adverts people want to read',
    format: 'workshop',
    topic: 'people',
    outputs: [
      { kind: 'notes', title: 'Before and after', body: 'Cut the advert from 1,400 words to 450. Put the salary and the flexible working at the top. Named the team and what they had shipped this year. Applications doubled for the one council that tried it already.' },
    ],
  },
  {
    title: 'Show and tell: our new bin day finder',
    format: 'show-and-tell',
    topic: 'digital',
    outputs: [],
  },
];
