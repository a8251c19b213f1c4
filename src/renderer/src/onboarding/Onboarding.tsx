// First run: three steps, each shown until it is done — connect iCloud, connect the platform,
// choose calendars — then the first sync starts and the window shows Status.
import { useState } from 'react';
import type { StatusView } from '../../../shared/status';
import { ChooseCalendarsStep } from './ChooseCalendarsStep';
import { ConnectIcloudForm } from './ConnectIcloudForm';
import { ConnectPlatformForm } from './ConnectPlatformForm';

type Step = 'icloud' | 'platform' | 'calendars';
const stepTitles: Record<Step, string> = { icloud: 'Connect iCloud', platform: 'Connect the platform', calendars: 'Choose calendars' };
const order: Step[] = ['icloud', 'platform', 'calendars'];

export function currentStep(status: StatusView): Step {
  if (!status.icloud.connected) return 'icloud';
  if (!status.platform.connected) return 'platform';
  return 'calendars';
}

export function Onboarding({ status, onProgress, onFinished }: { status: StatusView; onProgress: () => void; onFinished: () => void }) {
  const step = currentStep(status);
  const [finishing, setFinishing] = useState(false);
  return (
    <div className="onboarding">
      <header className="onboarding-header">
        <h1>Welcome to iCloud Sync Companion</h1>
        <p>Keep your iCloud calendar and your bookings on the platform in step. Three steps, about two minutes.</p>
        <ol className="steps" aria-label="Setup steps">
          {order.map((name, index) => {
            const done = order.indexOf(step) > index;
            return (
              <li key={name} className={name === step ? 'current' : done ? 'done' : ''} aria-current={name === step ? 'step' : undefined}>
                <span className="step-number" aria-hidden="true">
                  {done ? '✓' : index + 1}
                </span>
                {stepTitles[name]}
                {done && <span className="visually-hidden"> (done)</span>}
              </li>
            );
          })}
        </ol>
      </header>
      <section className="onboarding-body" aria-label={stepTitles[step]}>
        {step === 'icloud' && <ConnectIcloudForm onConnected={onProgress} />}
        {step === 'platform' && <ConnectPlatformForm onConnected={onProgress} />}
        {step === 'calendars' && (
          <ChooseCalendarsStep
            finishing={finishing}
            onLinked={() => {
              setFinishing(true);
              onFinished();
            }}
          />
        )}
      </section>
    </div>
  );
}
