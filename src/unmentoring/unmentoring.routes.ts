import { formBody, submitAction, submitForm } from '../web/forms.ts';
import { requireAdministrator, requireSignedIn } from '../web/guards.ts';
import { doneBanner, doneQuery, type DoneMessages, type TypedApp } from '../web/input.ts';
import { joinForm, scheduleForm } from './unmentoring.forms.ts';
import { historyOf, joinUnmentoring, leaveUnmentoring, membershipOf, nextScheduledRoundOn, roundSchedule, roundsBeforeMeetingAgain, setRoundSchedule, skipNextRound, startRound, unmentoringFigures } from './unmentoring.ts';

const memberDone: DoneMessages = { joined: 'You are in UnMentoring', skipping: 'You will sit out the next round', back: 'You are back for the next round', left: 'You have left UnMentoring' };
const adminDone: DoneMessages = { started: 'Round started: everyone in it has been sent an introduction', scheduled: 'Automatic rounds saved' };

/** /unmentoring for signed-in people; /admin/unmentoring for administrators, who start rounds. */
export async function unmentoringRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);

  const page = (personId: number) => ({
    title: 'UnMentoring',
    membership: membershipOf(db, personId) ?? null,
    history: historyOf(db, personId),
    window: roundsBeforeMeetingAgain,
  });

  app.get('/unmentoring', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const data = page(request.person!.id);
    return reply.view('unmentoring/member.eta', { ...data, values: data.membership ?? {}, done: doneBanner(memberDone, request.query.done) });
  });

  app.post('/unmentoring', async (request, reply) =>
    submitForm(reply, {
      schema: joinForm,
      body: formBody(request.body),
      view: 'unmentoring/member.eta',
      viewData: page(request.person!.id),
      act: (details) => {
        joinUnmentoring(db, clock.now(), request.person!.id, details);
        return '/unmentoring?done=joined';
      },
    }),
  );

  for (const [path, skip] of [['skip', true], ['return', false]] as const) {
    app.post(`/unmentoring/${path}`, async (request, reply) =>
      submitAction(reply, {
        view: 'unmentoring/member.eta',
        viewData: { ...page(request.person!.id), values: {} },
        act: () => {
          skipNextRound(db, request.person!.id, skip);
          return `/unmentoring?done=${skip ? 'skipping' : 'back'}`;
        },
      }),
    );
  }

  app.post('/unmentoring/leave', async (request, reply) => {
    leaveUnmentoring(db, request.person!.id);
    return reply.redirect('/unmentoring?done=left', 303);
  });

  const adminPage = () => ({ title: 'UnMentoring rounds', ...unmentoringFigures(db), nextRoundOn: nextScheduledRoundOn(db, clock.now()), backLink: '/organise' });
  const savedSchedule = () => {
    const day = roundSchedule(db);
    return day === null ? { schedule: 'never' } : { schedule: 'monthly', dayOfMonth: String(day) };
  };

  app.get('/admin/unmentoring', { preHandler: requireAdministrator, schema: { querystring: doneQuery } }, async (request, reply) =>
    reply.view('unmentoring/admin.eta', { ...adminPage(), values: savedSchedule(), done: doneBanner(adminDone, request.query.done) }),
  );

  app.post('/admin/unmentoring/schedule', { preHandler: requireAdministrator }, async (request, reply) =>
    submitForm(reply, {
      schema: scheduleForm,
      body: formBody(request.body),
      view: 'unmentoring/admin.eta',
      viewData: adminPage(),
      act: ({ dayOfMonth }) => {
        setRoundSchedule(db, dayOfMonth);
        return '/admin/unmentoring?done=scheduled';
      },
    }),
  );

  app.post('/admin/unmentoring/rounds', { preHandler: requireAdministrator }, async (request, reply) => {
    const result = await submitAction(reply, {
      view: 'unmentoring/admin.eta',
      viewData: { ...adminPage(), values: savedSchedule() },
      act: () => {
        startRound(db, clock.now(), { startedBy: request.person!.id, baseUrl: config.baseUrl });
        return '/admin/unmentoring?done=started';
      },
    });
    mail.kick();
    return result;
  });
}
